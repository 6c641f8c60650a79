/**
 * Live moderation in Chromium, one browser context per person: a pupil reports a chat message and the
 * teacher's console shows it within 1 s; the teacher claims it and hides the message with a reason: within 1 s
 * it disappears for the pupils and for the parent, and its author gets a notification with the reason;
 * restoring brings it back. The same on a wall card, hidden from the wall itself. A phone number sent anyway is
 * held in the console's « À relire » with its flag, seen by nobody else, corrected and published by the teacher,
 * who also locks and unlocks the room. A pupil designated from a wall's settings gets the console in his open tab
 * without a reload, may only do what the server allows him on each item (hide; never dismiss a report nor
 * re-publish what a teacher hid), and loses it at once when revoked.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import chatFr from '../../client/src/features/chat/i18n/fr.json';
import moderationFr from '../../client/src/features/moderation/i18n/fr.json';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import reportsFr from '../../client/src/features/reports/i18n/fr.json';
import fr from '../../client/src/i18n/fr.json';
import { describeE2E, launchBrowser } from '../helpers/browser';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { openSocket, signedIn } from '../helpers/sockets';
import { openTab, signInToDashboard, type Tab } from './support/identity';
import { LIVE_MS, QUIET_MS } from './support/live';


describeE2E('live moderation: report, hide with a reason, restore', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  let teacherChat: Page;
  let consolePage: Page;
  let author: Page;
  let reporter: Page;
  let parent: Page;
  let roomPath: string;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer({ timeoutMs: 120_000 });
    browser = await launchBrowser();
    const open = async (login: string) => {
      const opened = await openTab(browser);
      tabs.push(opened);
      await signInToDashboard(opened.page, server.url, server.dataDir, login);
      return opened.page;
    };
    teacherChat = await open('claire.fontaine');
    await teacherChat.goto(`${server.url}/discussions`);
    await teacherChat.getByRole('button', { name: chatFr.rooms.openClassRoom.replace('{{name}}', 'CE2') }).click();
    await teacherChat.waitForURL((url) => /^\/discussions\/[a-f0-9]{32}$/.test(url.pathname));
    roomPath = new URL(teacherChat.url()).pathname;
    // The same teacher keeps her moderation console open in a second tab.
    consolePage = await teacherChat.context().newPage();
    await consolePage.goto(`${server.url}/moderation`);
    await consolePage.getByTestId('report-queue').waitFor({ state: 'attached' });
    // The class chat is the class's and its teachers' conversation: the teacher opens it to parents, so that the
    // parent here reads it (and sees what moderation takes away from it).
    const teacherHttp = await signedIn(server, 'claire.fontaine');
    const roomId = roomPath.split('/').pop()!;
    const room = await teacherHttp.get<{ version: number }>(`/api/spaces/${roomId}`);
    const opened = await teacherHttp.send('PATCH', `/api/spaces/${roomId}`, { settings: { parentsRead: true }, version: room.body.version });
    expect(opened.status).toBe(200);
    author = await open('lea.martin');
    reporter = await open('yanis.belkacem');
    parent = await open('sophie.renaud');
    for (const page of [author, reporter, parent]) {
      await page.goto(`${server.url}${roomPath}`);
      await page.getByTestId('chat-live').waitFor();
    }
  });

  afterAll(async () => {
    for (const opened of tabs) await opened.context.close();
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('report → console within 1 s; hide with a reason → gone for pupils and parent within 1 s, author told why; restore', async () => {
    const field = author.getByRole('textbox', { name: chatFr.composer.label_pupil });
    await field.fill('tu es vraiment nul');
    await field.press('Enter');
    const message = (page: Page) => page.getByTestId('chat-message').filter({ hasText: 'tu es vraiment nul' });
    await message(reporter).waitFor();
    await message(parent).waitFor();

    await message(reporter).getByRole('button', { name: moderationFr.report.open }).click();
    const dialog = reporter.getByRole('dialog', { name: moderationFr.report.title });
    await dialog.getByRole('button', { name: moderationFr.report.send }).click();
    const card = consolePage.getByTestId('report-card').filter({ hasText: 'tu es vraiment nul' });
    await card.waitFor({ timeout: LIVE_MS * 3 });

    await card.getByRole('button', { name: moderationFr.claim }).click();
    await card.getByRole('button', { name: moderationFr.actions.hide }).waitFor();
    await card.getByRole('button', { name: moderationFr.actions.hide }).click();
    // The reason asked starts on « Insulte », the reason given here.
    const why = consolePage.getByRole('dialog');
    await expect.poll(() => why.getByRole('radio', { name: moderationFr.reasons.insulte }).isChecked()).toBe(true);
    await why.getByTestId('reason-confirm').click();
    for (const page of [reporter, parent]) {
      await message(page).waitFor({ state: 'detached', timeout: LIVE_MS * 3 }).catch(() => undefined);
      await expect.poll(async () => page.getByText('tu es vraiment nul').count(), { timeout: LIVE_MS * 3 }).toBe(0);
    }
    const notice = author.getByTestId('notification');
    await notice.waitFor({ timeout: LIVE_MS * 3 });
    expect(await notice.textContent()).toContain(moderationFr.reasonsForChild.insulte);

    // Restore, from the teacher's chat (a moderator sees the original with its status).
    const original = teacherChat.getByTestId('chat-message').filter({ hasText: 'tu es vraiment nul' });
    await original.getByRole('button', { name: chatFr.message.actions.replace('{{name}}', 'Léa Martin') }).click();
    await teacherChat.getByRole('menuitem', { name: chatFr.message.restore }).click();
    const reasonDialog = teacherChat.getByRole('dialog');
    if (await reasonDialog.count()) await reasonDialog.getByRole('button').last().click();
    for (const page of [reporter, parent]) await message(page).getByTestId('chat-body').waitFor({ timeout: LIVE_MS * 3 });
  });

  it('on a wall: a reported card reaches the console; the teacher hides it from the wall with a reason, it leaves the classmates and the parent within 1 s and its author sees why; restore brings it back', async () => {
    const teacherHttp = await signedIn(server, 'claire.fontaine');
    const dashboard = await teacherHttp.get<{ classes: { id: string; name: string }[] }>('/api/dashboard');
    const classId = dashboard.body.classes.find((entry) => entry.name.includes('CE2'))?.id ?? dashboard.body.classes[0]!.id;
    const wall = await teacherHttp.post<{ id: string }>('/api/spaces', { kind: 'wall', title: 'Mur des sorties', scope: { kind: 'class', classId }, settings: { layout: 'stream' } });
    expect(wall.status).toBe(201);
    const authorSocket = await openSocket(server, await signedIn(server, 'lea.martin'));
    try {
      const posted = (await authorSocket.timeout(5_000).emitWithAck('wall:card:create', { spaceId: wall.body.id, title: 'Les CM2 sont nuls' })) as { ok: boolean };
      expect(posted.ok).toBe(true);
    } finally {
      authorSocket.close();
    }
    const cardOn = (page: Page) => page.getByTestId('wall-card').filter({ has: page.getByRole('heading', { name: 'Les CM2 sont nuls' }) });
    for (const page of [teacherChat, author, reporter, parent]) {
      await page.goto(`${server.url}/murs/${wall.body.id}`);
      await cardOn(page).waitFor();
    }

    await cardOn(reporter).getByRole('button', { name: moderationFr.report.open }).click();
    await reporter.getByRole('dialog', { name: moderationFr.report.title }).getByRole('button', { name: moderationFr.report.send }).click();
    await consolePage.getByTestId('report-card').filter({ hasText: 'Les CM2 sont nuls' }).waitFor({ timeout: LIVE_MS * 3 });

    // The teacher's wall tab shares its browser window with her console: bring it to the front (a background tab's
    // animation frames are throttled, which only slows Playwright's clicks down).
    await teacherChat.bringToFront();
    await cardOn(teacherChat).getByTestId('wall-card-menu').click();
    await teacherChat.getByRole('menuitem', { name: wallFr.card.hide }).click();
    const why = teacherChat.getByRole('dialog');
    await why.getByRole('radio', { name: moderationFr.reasons.hors_sujet }).check();
    await why.getByRole('button', { name: wallFr.card.hide }).click();
    await Promise.all([reporter, parent].map((page) => cardOn(page).waitFor({ state: 'detached', timeout: LIVE_MS * 3 })));
    await cardOn(author).getByTestId('wall-hidden-badge').waitFor({ timeout: LIVE_MS * 3 });
    // Worded for a card: « Ta carte … a été masquée parce qu’elle ne parlait pas du sujet de la classe ».
    const told = author.getByTestId('notification').filter({ hasText: moderationFr.reasonsForChild.hors_sujet_wallCard });
    await told.waitFor({ timeout: LIVE_MS * 3 });
    expect(await told.textContent()).toContain('Ta carte dans « Mur des sorties » a été masquée');
    // The teacher still sees it, marked as hidden, with « Rétablir ».
    await cardOn(teacherChat).getByTestId('wall-hidden-badge').waitFor();

    await cardOn(teacherChat).getByRole('button', { name: wallFr.card.restore }).click();
    for (const page of [reporter, parent]) await cardOn(page).waitFor({ timeout: LIVE_MS * 3 });
    await cardOn(author).getByTestId('wall-hidden-badge').waitFor({ state: 'detached', timeout: LIVE_MS * 3 });
  });

  it('a phone number sent anyway is held in « À relire » (« Information personnelle »), invisible to classmates and the parent; the teacher corrects and publishes it (the parent sees the correction, its author why), locks the room and unlocks it', async () => {
    // The previous scenario left these tabs on a wall.
    for (const page of [author, reporter, parent]) {
      await page.goto(`${server.url}${roomPath}`);
      await page.getByTestId('chat-live').waitFor();
    }
    const field = author.getByRole('textbox', { name: chatFr.composer.label_pupil });
    await field.fill('appelle-moi au 06 12 34 56 78 ce soir');
    await field.press('Enter');
    // The composer asks a child to think twice about personal information: sent anyway, it waits for a teacher.
    await author.getByRole('dialog', { name: chatFr.pii.title }).getByRole('button', { name: chatFr.pii.confirm }).click();
    const held = consolePage.getByTestId('pending-item').filter({ hasText: '06 12 34 56 78' });
    await held.waitFor({ timeout: LIVE_MS * 5 });
    expect(await held.getByTestId('personal-info-badge').textContent()).toBe(moderationFr.badges.personalInfo);
    // Nobody but its author and the moderators sees it.
    await parent.waitForTimeout(QUIET_MS);
    for (const page of [parent, reporter]) expect(await page.getByText('06 12 34 56 78').count()).toBe(0);

    // Correct it from the console: the whole text is loaded, corrected, and sent with a reason.
    await consolePage.bringToFront();
    await held.getByTestId('more-actions').click();
    await consolePage.getByRole('menuitem', { name: moderationFr.actions.edit }).click();
    const editor = consolePage.getByRole('dialog', { name: moderationFr.edit.title });
    const box = editor.getByRole('textbox', { name: moderationFr.edit.label });
    await expect.poll(() => box.inputValue()).toBe('appelle-moi au 06 12 34 56 78 ce soir');
    await box.fill('appelle-moi ce soir');
    await editor.getByLabel(moderationFr.reason).click();
    await consolePage.getByRole('option', { name: moderationFr.reasons.information_personnelle, exact: true }).click();
    await editor.getByRole('button', { name: moderationFr.edit.submit }).click();
    await editor.waitFor({ state: 'detached' });
    await author.getByTestId('notification').filter({ hasText: moderationFr.reasonsForChild.information_personnelle }).waitFor({ timeout: LIVE_MS * 3 });
    // Corrected, it still waits for its first review (no longer flagged): the teacher publishes it.
    const corrected = consolePage.getByTestId('pending-item').filter({ hasText: 'appelle-moi ce soir' });
    await corrected.waitFor({ timeout: LIVE_MS * 3 });
    expect(await corrected.getByTestId('personal-info-badge').count()).toBe(0);
    // Approving asks for no reason.
    await corrected.getByRole('button', { name: moderationFr.actions.approve }).click();
    await parent.getByTestId('chat-message').filter({ hasText: 'appelle-moi ce soir' }).waitFor({ timeout: LIVE_MS * 3 });
    await corrected.waitFor({ state: 'detached', timeout: LIVE_MS * 3 });
    expect(await parent.getByText('06 12 34 56 78').count()).toBe(0);
    // The stream shows the item's new state (and keeps its version for the next action).
    const published = consolePage.getByTestId('stream-item').filter({ hasText: 'appelle-moi ce soir' });
    await published.waitFor();
    expect(await consolePage.getByTestId('stream-item').filter({ hasText: '06 12 34 56 78' }).count()).toBe(0);
    // The original stays as evidence, for the teacher only.
    await published.getByTestId('more-actions').click();
    await consolePage.getByRole('menuitem', { name: moderationFr.evidence.open }).click();
    const kept = consolePage.getByRole('dialog', { name: moderationFr.evidence.title }).getByTestId('evidence-entry');
    await kept.filter({ hasText: '06 12 34 56 78' }).waitFor();
    await consolePage.keyboard.press('Escape');
    await kept.first().waitFor({ state: 'detached' });

    // Lock the room from the console, with a reason: the author's composer goes away, and a send is refused.
    await published.getByRole('button', { name: moderationFr.lock.lock, exact: true }).click();
    const lockDialog = consolePage.getByRole('dialog');
    await lockDialog.getByRole('radio', { name: moderationFr.reasons.hors_sujet }).check();
    await lockDialog.getByRole('button', { name: moderationFr.lock.lock, exact: true }).click();
    await published.getByRole('button', { name: moderationFr.lock.unlock, exact: true }).waitFor({ timeout: LIVE_MS * 3 });
    await field.waitFor({ state: 'detached', timeout: LIVE_MS * 3 });
    await author.getByText(chatFr.room.readOnly_pupil).waitFor();
    const roomId = roomPath.split('/').pop()!;
    const authorSocket = await openSocket(server, await signedIn(server, 'lea.martin'));
    try {
      const refused = (await authorSocket.timeout(5_000).emitWithAck('chat:send', { roomId, key: crypto.randomUUID(), body: 'je peux encore écrire ?' })) as { ok: boolean; code?: string };
      expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    } finally {
      authorSocket.close();
    }

    // Unlock: the author writes again.
    await published.getByRole('button', { name: moderationFr.lock.unlock, exact: true }).click();
    await consolePage.getByRole('dialog').getByRole('button', { name: moderationFr.lock.unlock, exact: true }).click();
    await published.getByRole('button', { name: moderationFr.lock.lock, exact: true }).waitFor({ timeout: LIVE_MS * 3 });
    await field.waitFor({ timeout: LIVE_MS * 3 });
  });

  it('designated from a wall’s settings, a pupil gets « Modération » in his open tab without a reload; he hides (never deletes), cannot dismiss a report nor re-publish what a teacher hid; revoked, his console closes', async () => {
    const teacherHttp = await signedIn(server, 'claire.fontaine');
    const yanis = await signedIn(server, 'yanis.belkacem');
    const yanisId = (await yanis.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const classId = (await teacherHttp.get<{ classes: { id: string; name: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const wall = await teacherHttp.post<{ id: string }>('/api/spaces', { kind: 'wall', title: 'Mur des poèmes', scope: { kind: 'class', classId }, settings: { layout: 'stream' } });
    const spaceId = wall.body.id;

    // Yanis's tab is open on his dashboard: no console in his menu yet.
    await reporter.goto(`${server.url}/accueil`);
    const menu = reporter.getByRole('navigation', { name: fr.a11y.mainNavigation });
    await menu.getByRole('link', { name: fr.nav.dashboard }).waitFor();
    const consoleLink = menu.getByRole('link', { name: fr.nav.moderation });
    expect(await consoleLink.count()).toBe(0);

    // The teacher designates Yanis in the wall's settings: the link appears in his tab, which nobody reloads.
    await teacherChat.bringToFront();
    await teacherChat.goto(`${server.url}/murs/${spaceId}`);
    await teacherChat.getByTestId('wall-settings').click();
    const designation = teacherChat.getByTestId('space-moderators');
    await designation.getByRole('checkbox', { name: 'Yanis Belkacem' }).check();
    await consoleLink.waitFor({ timeout: LIVE_MS * 3 });
    const spaces = await teacherHttp.get<{ id: string; moderatorIds: string[] }[]>('/api/spaces');
    expect(spaces.body.find((space) => space.id === spaceId)?.moderatorIds).toContain(yanisId);
    expect((await teacherHttp.get<{ items: { target: { id: string } }[] }>('/api/audit?event=moderation.designated&classId=' + classId)).body.items[0]?.target.id).toBe(yanisId);

    // Yanis opens the console, on the wall he moderates.
    await reporter.bringToFront();
    await consoleLink.click();
    await reporter.getByRole('radio', { name: 'Mur des poèmes' }).waitFor({ state: 'attached' });
    await reporter.getByTestId('report-queue').waitFor({ state: 'attached' });

    const cardIds: Record<string, string> = {};
    const authorSocket = await openSocket(server, await signedIn(server, 'lea.martin'));
    try {
      for (const title of ['Un poème qui se moque', 'Un poème à masquer', 'Un poème signalé']) {
        const posted = (await authorSocket.timeout(5_000).emitWithAck('wall:card:create', { spaceId, title })) as { ok: boolean; data?: { card: { id: string } } };
        expect(posted.ok).toBe(true);
        cardIds[title] = posted.data!.card.id;
      }
    } finally {
      authorSocket.close();
    }
    const item = reporter.getByTestId('stream-item').filter({ hasText: 'Un poème qui se moque' });
    await item.waitFor({ timeout: LIVE_MS * 3 });
    await item.getByRole('button', { name: moderationFr.actions.hide }).waitFor();
    for (const name of [moderationFr.actions.delete, moderationFr.actions.mute, moderationFr.actions.edit]) expect(await item.getByRole('button', { name }).count()).toBe(0);
    await parent.goto(`${server.url}/murs/${spaceId}`);
    const onParentWall = parent.getByTestId('wall-card').filter({ hasText: 'Un poème qui se moque' });
    await onParentWall.waitFor();
    await item.getByRole('button', { name: moderationFr.actions.hide }).click();
    const why = reporter.getByRole('dialog');
    await why.getByRole('radio', { name: moderationFr.reasons.hors_sujet }).check();
    await why.getByTestId('reason-confirm').click();
    await onParentWall.waitFor({ state: 'detached', timeout: LIVE_MS * 3 });

    // A card the teacher hid, and the one Yanis hid, wait for a teacher: they leave his console (a pupil moderator
    // reads nothing a teacher must review), so he can neither approve nor restore them.
    const teacherSocket = await openSocket(server, teacherHttp);
    try {
      const ref = { kind: 'wallCard', itemId: cardIds['Un poème à masquer']!, spaceId };
      const read = (await teacherSocket.timeout(5_000).emitWithAck('moderation:read', ref)) as { ok: boolean; data?: { item: { version: number } } };
      const hidden = (await teacherSocket.timeout(5_000).emitWithAck('moderation:act', { ...ref, action: 'hide', reasonCode: 'hors_sujet', version: read.data!.item.version })) as { ok: boolean };
      expect(hidden.ok).toBe(true);
    } finally {
      teacherSocket.close();
    }
    for (const title of ['Un poème à masquer', 'Un poème qui se moque']) {
      await reporter.getByTestId('pending-item').filter({ hasText: title }).waitFor({ state: 'detached', timeout: LIVE_MS * 3 });
      await reporter.getByTestId('stream-item').filter({ hasText: title }).waitFor({ state: 'detached', timeout: LIVE_MS * 3 });
    }

    // A parent reports a card: Yanis takes the report in charge and may hide the card, never dismiss the report.
    const parentSocket = await openSocket(server, await signedIn(server, 'sophie.renaud'));
    try {
      const reported = (await parentSocket.timeout(5_000).emitWithAck('report:create', { kind: 'wallCard', itemId: cardIds['Un poème signalé']!, spaceId, category: 'insulte', text: '', quote: '' })) as { ok: boolean };
      expect(reported.ok).toBe(true);
    } finally {
      parentSocket.close();
    }
    const report = reporter.getByTestId('report-card').filter({ hasText: 'Un poème signalé' });
    await report.waitFor({ timeout: LIVE_MS * 3 });
    await report.getByRole('button', { name: moderationFr.claim }).click();
    await report.getByRole('button', { name: moderationFr.actions.hide }).waitFor();
    expect(await report.getByRole('button', { name: moderationFr.dismiss }).count()).toBe(0);
    expect(await report.getByRole('button', { name: moderationFr.evidence.open }).count()).toBe(0);
    // The reporter's name is the teachers' to know, not a pupil moderator's.
    expect(await report.getByTestId('report-reporter').textContent()).toContain(moderationFr.reporter.hidden);
    await report.getByRole('button', { name: moderationFr.actions.hide }).click();
    await reporter.getByRole('dialog').getByTestId('reason-confirm').click();
    await report.waitFor({ state: 'detached', timeout: LIVE_MS * 3 });
    // The parent who reported it now reads « Contenu retiré par un modérateur », never the card's text.
    await parent.getByRole('navigation', { name: fr.a11y.mainNavigation }).getByRole('link', { name: fr.nav.reports }).click();
    await parent.getByTestId('my-report-removed').filter({ hasText: reportsFr.itemRemoved }).waitFor();
    expect(await parent.getByTestId('my-reports').getByText('Un poème signalé').count()).toBe(0);

    // The reports Yanis sent earlier (on a chat message and a wall card) were handled: he sees so.
    await menu.getByRole('link', { name: fr.nav.reports }).click();
    const mine = reporter.getByTestId('my-report');
    await mine.first().waitFor();
    await expect.poll(() => mine.filter({ hasText: reportsFr.status.resolved }).count()).toBeGreaterThanOrEqual(2);

    // Revoked while his console is open: it closes, and « Modération » leaves his menu, without a reload.
    await consoleLink.click();
    await reporter.getByTestId('pending-list').waitFor({ state: 'attached' });
    await teacherChat.bringToFront();
    await designation.getByRole('checkbox', { name: 'Yanis Belkacem' }).uncheck();
    await reporter.getByTestId('moderation-closed').waitFor({ timeout: LIVE_MS * 3 });
    await consoleLink.waitFor({ state: 'detached', timeout: LIVE_MS * 3 });
    expect(await reporter.getByTestId('pending-item').count()).toBe(0);
  });
});
