/**
 * Live moderation in Chromium, one browser context per person: a pupil reports a chat message and the
 * teacher's console shows it within 1 s; the teacher claims it and hides the message with a reason: within 1 s
 * it disappears for the pupils and for the parent, and its author gets a notification with the reason;
 * restoring brings it back. The same on a wall card, hidden from the wall itself. From the console, a teacher
 * corrects a message (the parent sees the new text) and locks, then unlocks, the room.
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

const LIVE_MS = 1_000;

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
    server = await startServer();
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
    await teacherChat.waitForURL((url) => /^\/discussions\/[a-f0-9]{24}$/.test(url.pathname));
    roomPath = new URL(teacherChat.url()).pathname;
    // The same teacher keeps her moderation console open in a second tab.
    consolePage = await teacherChat.context().newPage();
    await consolePage.goto(`${server.url}/moderation`);
    await consolePage.getByTestId('report-queue').waitFor({ state: 'attached' });
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
    const field = author.getByRole('textbox', { name: chatFr.composer.label });
    await field.fill('tu es vraiment nul');
    await field.press('Enter');
    const message = (page: Page) => page.getByTestId('chat-message').filter({ hasText: 'tu es vraiment nul' });
    await message(reporter).waitFor();
    await message(parent).waitFor();

    await message(reporter).getByRole('button', { name: moderationFr.report.open }).click();
    const dialog = reporter.getByRole('dialog', { name: moderationFr.report.title });
    await dialog.getByRole('button', { name: moderationFr.report.send }).click();
    const reportedAt = Date.now();
    const card = consolePage.getByTestId('report-card').filter({ hasText: 'tu es vraiment nul' });
    await card.waitFor({ timeout: LIVE_MS * 3 });
    expect(Date.now() - reportedAt).toBeLessThan(LIVE_MS);

    await card.getByRole('button', { name: moderationFr.claim }).click();
    await card.getByRole('button', { name: moderationFr.actions.hide }).waitFor();
    // The reason list starts on « Insulte », the reason given here.
    await expect.poll(() => card.getByLabel(moderationFr.reason).inputValue()).toBe(moderationFr.reasons.insulte);
    const hiddenAt = Date.now();
    await card.getByRole('button', { name: moderationFr.actions.hide }).click();
    for (const page of [reporter, parent]) {
      await message(page).waitFor({ state: 'detached', timeout: LIVE_MS * 3 }).catch(() => undefined);
      await expect.poll(async () => page.getByText('tu es vraiment nul').count(), { timeout: LIVE_MS * 3 }).toBe(0);
    }
    expect(Date.now() - hiddenAt).toBeLessThan(LIVE_MS);
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
    const reportedAt = Date.now();
    await consolePage.getByTestId('report-card').filter({ hasText: 'Les CM2 sont nuls' }).waitFor({ timeout: LIVE_MS * 3 });
    expect(Date.now() - reportedAt).toBeLessThan(LIVE_MS);

    // The teacher's wall tab shares its browser window with her console: bring it to the front (a background tab's
    // animation frames are throttled, which only slows Playwright's clicks down).
    await teacherChat.bringToFront();
    await cardOn(teacherChat).getByTestId('wall-card-menu').click();
    await teacherChat.getByRole('menuitem', { name: wallFr.card.hide }).click();
    const why = teacherChat.getByRole('dialog');
    await why.getByRole('radio', { name: moderationFr.reasons.hors_sujet }).check();
    const hiddenAt = Date.now();
    await why.getByRole('button', { name: wallFr.card.hide }).click();
    await Promise.all([reporter, parent].map((page) => cardOn(page).waitFor({ state: 'detached', timeout: LIVE_MS * 3 })));
    expect(Date.now() - hiddenAt).toBeLessThan(LIVE_MS);
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

  it('from the console: a message with a phone number reaches the stream; the teacher corrects it (the parent sees the correction, its author why), locks the room (the author can no longer write) and unlocks it', async () => {
    // The previous scenario left these tabs on a wall.
    for (const page of [author, parent]) {
      await page.goto(`${server.url}${roomPath}`);
      await page.getByTestId('chat-live').waitFor();
    }
    const field = author.getByRole('textbox', { name: chatFr.composer.label });
    await field.fill('appelle-moi au 06 12 34 56 78 ce soir');
    await field.press('Enter');
    // The composer asks a child to think twice about personal information: sent anyway.
    await author.getByRole('dialog', { name: chatFr.pii.title }).getByRole('button', { name: chatFr.pii.confirm }).click();
    const sentAt = Date.now();
    const leaked = consolePage.getByTestId('stream-item').filter({ hasText: '06 12 34 56 78' });
    await leaked.waitFor({ timeout: LIVE_MS * 5 });
    expect(Date.now() - sentAt).toBeLessThan(LIVE_MS * 3);
    await parent.getByTestId('chat-message').filter({ hasText: '06 12 34 56 78' }).waitFor();

    // Correct it from the console: the whole text is loaded, corrected, and sent with a reason.
    await consolePage.bringToFront();
    await leaked.getByRole('button', { name: moderationFr.actions.edit }).click();
    const editor = consolePage.getByRole('dialog', { name: moderationFr.edit.title });
    const box = editor.getByRole('textbox', { name: moderationFr.edit.label });
    await expect.poll(() => box.inputValue()).toBe('appelle-moi au 06 12 34 56 78 ce soir');
    await box.fill('appelle-moi ce soir');
    await editor.getByLabel(moderationFr.reason).click();
    await consolePage.getByRole('option', { name: moderationFr.reasons.information_personnelle, exact: true }).click();
    const editedAt = Date.now();
    await editor.getByRole('button', { name: moderationFr.edit.submit }).click();
    await editor.waitFor({ state: 'detached' });
    await parent.getByTestId('chat-message').filter({ hasText: 'appelle-moi ce soir' }).waitFor({ timeout: LIVE_MS * 3 });
    expect(Date.now() - editedAt).toBeLessThan(LIVE_MS * 2);
    await expect.poll(() => parent.getByText('06 12 34 56 78').count(), { timeout: LIVE_MS * 3 }).toBe(0);
    await author.getByTestId('notification').filter({ hasText: moderationFr.reasonsForChild.information_personnelle }).waitFor({ timeout: LIVE_MS * 3 });
    // The console shows the new state of the item (and keeps its version for the next action).
    const corrected = consolePage.getByTestId('stream-item').filter({ hasText: 'appelle-moi ce soir' });
    await corrected.waitFor();
    expect(await leaked.count()).toBe(0);
    // The original stays as evidence, for the teacher only.
    await corrected.getByRole('button', { name: moderationFr.evidence.open }).click();
    const kept = consolePage.getByRole('dialog', { name: moderationFr.evidence.title }).getByTestId('evidence-entry');
    await kept.filter({ hasText: '06 12 34 56 78' }).waitFor();
    await consolePage.keyboard.press('Escape');
    await kept.first().waitFor({ state: 'detached' });

    // Lock the room from the console, with a reason: the author's composer goes away, and a send is refused.
    await corrected.getByRole('button', { name: moderationFr.lock.lock, exact: true }).click();
    const lockDialog = consolePage.getByRole('dialog');
    await lockDialog.getByRole('radio', { name: moderationFr.reasons.hors_sujet }).check();
    await lockDialog.getByRole('button', { name: moderationFr.lock.lock, exact: true }).click();
    await corrected.getByRole('button', { name: moderationFr.lock.unlock, exact: true }).waitFor({ timeout: LIVE_MS * 3 });
    await field.waitFor({ state: 'detached', timeout: LIVE_MS * 3 });
    await author.getByText(chatFr.room.readOnly).waitFor();
    const roomId = roomPath.split('/').pop()!;
    const authorSocket = await openSocket(server, await signedIn(server, 'lea.martin'));
    try {
      const refused = (await authorSocket.timeout(5_000).emitWithAck('chat:send', { roomId, key: crypto.randomUUID(), body: 'je peux encore écrire ?' })) as { ok: boolean; code?: string };
      expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    } finally {
      authorSocket.close();
    }

    // Unlock: the author writes again.
    await corrected.getByRole('button', { name: moderationFr.lock.unlock, exact: true }).click();
    await consolePage.getByRole('dialog').getByRole('button', { name: moderationFr.lock.unlock, exact: true }).click();
    await corrected.getByRole('button', { name: moderationFr.lock.lock, exact: true }).waitFor({ timeout: LIVE_MS * 3 });
    await field.waitFor({ timeout: LIVE_MS * 3 });
  });

  it('a pupil designated on a wall moderates it from the console (hide only, no delete); the reporter follows their reports', async () => {
    const teacherHttp = await signedIn(server, 'claire.fontaine');
    const yanis = await signedIn(server, 'yanis.belkacem');
    const yanisId = (await yanis.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const classId = (await teacherHttp.get<{ classes: { id: string; name: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const wall = await teacherHttp.post<{ id: string }>('/api/spaces', { kind: 'wall', title: 'Mur des poèmes', scope: { kind: 'class', classId }, settings: { layout: 'stream' } });
    // The teacher designates Yanis in the wall's settings.
    await teacherChat.bringToFront();
    await teacherChat.goto(`${server.url}/murs/${wall.body.id}`);
    await teacherChat.getByTestId('wall-settings').click();
    const designation = teacherChat.getByTestId('space-moderators');
    await designation.getByRole('checkbox', { name: 'Yanis Belkacem' }).check();
    await expect.poll(async () => (await teacherHttp.get<{ id: string; moderatorIds: string[] }[]>('/api/spaces')).body.find((space) => space.id === wall.body.id)?.moderatorIds.includes(yanisId)).toBe(true);
    expect((await teacherHttp.get<{ items: { target: { id: string } }[] }>('/api/audit?event=moderation.designated&classId=' + classId)).body.items[0]?.target.id).toBe(yanisId);

    // Yanis has the console in his menu, on the wall he moderates.
    await reporter.goto(`${server.url}/accueil`);
    await reporter.getByRole('link', { name: fr.nav.moderation }).click();
    await reporter.getByRole('radio', { name: 'Mur des poèmes' }).waitFor({ state: 'attached' });
    await reporter.getByTestId('report-queue').waitFor({ state: 'attached' });

    const authorSocket = await openSocket(server, await signedIn(server, 'lea.martin'));
    try {
      const posted = (await authorSocket.timeout(5_000).emitWithAck('wall:card:create', { spaceId: wall.body.id, title: 'Un poème qui se moque' })) as { ok: boolean };
      expect(posted.ok).toBe(true);
    } finally {
      authorSocket.close();
    }
    const item = reporter.getByTestId('stream-item').filter({ hasText: 'Un poème qui se moque' });
    await item.waitFor({ timeout: LIVE_MS * 3 });
    expect(await item.getByRole('button', { name: moderationFr.actions.delete }).count()).toBe(0);
    expect(await item.getByRole('button', { name: moderationFr.actions.mute }).count()).toBe(0);
    await parent.goto(`${server.url}/murs/${wall.body.id}`);
    const onParentWall = parent.getByTestId('wall-card').filter({ hasText: 'Un poème qui se moque' });
    await onParentWall.waitFor();
    await reporter.bringToFront();
    await item.getByLabel(moderationFr.reason).click();
    await reporter.getByRole('option', { name: moderationFr.reasons.hors_sujet, exact: true }).click();
    await item.getByRole('button', { name: moderationFr.actions.hide }).click();
    await onParentWall.waitFor({ state: 'detached', timeout: LIVE_MS * 3 });

    // The reports Yanis sent earlier (on a chat message and a wall card) were handled: he sees so.
    await reporter.getByRole('link', { name: fr.nav.reports }).click();
    const mine = reporter.getByTestId('my-report');
    await mine.first().waitFor();
    await expect.poll(() => mine.filter({ hasText: reportsFr.status.resolved }).count()).toBeGreaterThanOrEqual(2);
  });
});
