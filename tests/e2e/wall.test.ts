/**
 * The collaborative wall in Chromium, with several browser contexts (one per person), exactly the acceptance
 * of the issue: a teacher creates a wall in columns; pupil A adds a card with an image and pupil B sees it
 * without a reload; B cannot delete A's card (no such action in the UI, and a raw socket emit gets FORBIDDEN with the
 * denial audited); the teacher deletes the card and it disappears for A and B without a reload; a parent sees the wall
 * and comments when that is allowed. Then, on another wall: a pupil moderator gets the moderation actions the
 * moment they are designated and never the settings; a pupil's phone number sent anyway waits for the teacher.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import type { AuditEntry } from '../../shared/audit/events';
import { describeE2E, launchBrowser } from '../helpers/browser';
import type { Browser as HttpClient } from '../helpers/http';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { signedIn } from '../helpers/sockets';
import { jpegWithGps } from '../fixtures/wall/images';
import { expectedFailure, openTab, signInToDashboard, type Tab } from './support/identity';
import { LIVE_MS, QUIET_MS } from './support/live';
import { rawEmit } from './support/raw-socket';

const cardByTitle = (page: Page, title: string) => page.getByTestId('wall-card').filter({ has: page.getByRole('heading', { name: title }) });

describeE2E('collaborative wall: live cards, rights, deletion, parents', () => {
  let server: TestServer;
  let browser: Browser;
  let director: HttpClient;
  const tabs: Tab[] = [];
  const tab = async (ignore: RegExp[] = []) => {
    const opened = await openTab(browser, [expectedFailure(401, '/api/me'), ...ignore]);
    tabs.push(opened);
    return opened;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer();
    browser = await launchBrowser();
    director = await signedIn(server, 'isabelle.moreau');
  });
  afterAll(async () => {
    for (const opened of tabs) await opened.context.close();
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('runs the acceptance scenario of the wall in five browser contexts', async () => {
    // A teacher creates a wall in columns.
    const teacher = await tab();
    await signInToDashboard(teacher.page, server.url, server.dataDir, 'claire.fontaine');
    await teacher.page.goto(`${server.url}/murs`);
    await teacher.page.getByLabel(wallFr.list.wallTitle).fill('Notre sortie au jardin');
    await teacher.page.getByRole('radio', { name: wallFr.layouts.columns }).check({ force: true });
    await teacher.page.getByTestId('wall-create').click();
    await teacher.page.waitForURL((url) => /^\/murs\/[a-f0-9]{32}$/.test(url.pathname));
    const spaceId = new URL(teacher.page.url()).pathname.split('/')[2]!;
    const board = teacher.page.getByTestId('wall-board');
    await board.waitFor();
    expect(await board.getAttribute('data-layout')).toBe('columns');
    await teacher.page.getByRole('heading', { level: 2, name: wallFr.defaultSections.first }).waitFor();

    // Pupils A and B, and a parent, open the wall.
    const pupilA = await tab();
    const pupilB = await tab([expectedFailure(403, '')]);
    const parent = await tab();
    await signInToDashboard(pupilA.page, server.url, server.dataDir, 'lea.martin');
    await signInToDashboard(pupilB.page, server.url, server.dataDir, 'chloe.nguyen');
    await signInToDashboard(parent.page, server.url, server.dataDir, 'sophie.renaud');
    for (const { page } of [pupilA, pupilB, parent]) {
      await page.goto(`${server.url}/murs/${spaceId}`);
      await page.getByTestId('wall-board').waitFor();
    }
    await teacher.page.getByTestId('wall-presence').filter({ hasText: wallFr.page.present_other.replace('{{count}}', '4') }).waitFor();

    // Pupil A adds a card with an image (a photo with GPS EXIF); pupil B sees it within 1 s.
    await pupilA.page.getByTestId('wall-add-card').click();
    const editor = pupilA.page.getByRole('dialog');
    await editor.getByLabel(wallFr.editor.title).fill('Les fraises du jardin');
    await editor.getByRole('textbox', { name: wallFr.editor.body }).fill('Elles sont presque mûres.');
    await editor.locator('input[type=file]').setInputFiles({ name: 'fraises.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps() });
    await editor.getByTestId('wall-editor-preview').waitFor();
    const seenByB = cardByTitle(pupilB.page, 'Les fraises du jardin');
    await editor.getByTestId('wall-editor-save').click();
    await seenByB.waitFor({ timeout: LIVE_MS });
    const image = seenByB.getByTestId('wall-card-image');
    await image.waitFor();
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await seenByB.getByText('par Léa Martin').count()).toBe(1);
    const cardId = (await seenByB.getAttribute('data-card-id'))!;

    // B cannot delete A's card: the UI offers no such action…
    expect(await seenByB.getByTestId('wall-card-menu').count()).toBe(0);
    expect(await seenByB.getByRole('button', { name: wallFr.card.delete }).count()).toBe(0);
    // …and a raw socket emit gets FORBIDDEN, with the denial audited.
    const refused = await rawEmit(pupilB.page, 'wall:card:delete', { spaceId, cardId });
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const denials = await director.get<{ items: AuditEntry[] }>('/api/audit?event=access.denied&pageSize=20');
    const pupilBId = denials.body.items.find((entry) => entry.target.id === cardId)?.actor.userId;
    expect(denials.body.items.some((entry) => entry.target.id === cardId && entry.status === 'denied' && entry.reason?.includes('wall:card:delete'))).toBe(true);
    expect(pupilBId).toBeTruthy();
    expect(await cardByTitle(pupilA.page, 'Les fraises du jardin').count()).toBe(1);

    // A parent sees the wall; comments only once the teacher allows it.
    const parentCard = cardByTitle(parent.page, 'Les fraises du jardin');
    await parentCard.waitFor();
    expect(await parentCard.getByLabel(wallFr.comments.label).count()).toBe(0);
    await teacher.page.getByTestId('wall-settings').click();
    // The switch shows the server's state: it flips once the change is applied (live, for everyone).
    const parentsSwitch = teacher.page.getByRole('switch', { name: wallFr.settings.parentsMayComment });
    await parentsSwitch.focus();
    await teacher.page.keyboard.press('Space');
    await expect.poll(() => parentsSwitch.isChecked()).toBe(true);
    await teacher.page.keyboard.press('Escape');
    await parentCard.getByTestId('wall-comments-toggle').click();
    await parentCard.getByLabel(wallFr.comments.label).fill('Bravo les enfants !');
    await parentCard.getByRole('button', { name: wallFr.comments.send }).click();
    const teacherCard = cardByTitle(teacher.page, 'Les fraises du jardin');
    await teacherCard.getByTestId('wall-comments-toggle').filter({ hasText: '1 commentaire' }).waitFor({ timeout: LIVE_MS * 2 });
    await teacherCard.getByTestId('wall-comments-toggle').click();
    await teacherCard.getByText('Bravo les enfants !').waitFor();
    await teacherCard.getByText('Sophie Renaud').waitFor();

    // The teacher deletes the card: it disappears for A and B within 1 s.
    await teacherCard.getByTestId('wall-card-menu').click();
    await teacher.page.getByRole('menuitem', { name: wallFr.card.delete }).click();
    const goneForA = cardByTitle(pupilA.page, 'Les fraises du jardin');
    const goneForB = cardByTitle(pupilB.page, 'Les fraises du jardin');
    await teacher.page.getByTestId('wall-confirm-delete').click();
    await Promise.all([goneForA.waitFor({ state: 'detached', timeout: LIVE_MS }), goneForB.waitFor({ state: 'detached', timeout: LIVE_MS })]);

    for (const opened of tabs) opened.errors.assertNone();
  });

  it('a pupil moderator gets moderation live but never the settings; a phone number sent anyway waits for the teacher', async () => {
    const teacherHttp = await signedIn(server, 'claire.fontaine');
    const pupilHttp = await signedIn(server, 'lea.martin');
    const moderatorId = (await (await signedIn(server, 'yanis.belkacem')).get<{ user: { id: string } }>('/api/me')).body.user.id;
    const classId = (await pupilHttp.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const spaceId = (await teacherHttp.post<{ id: string }>('/api/spaces', { kind: 'wall', title: 'Nos idées', scope: { kind: 'class', classId }, settings: { layout: 'stream' } })).body.id;

    const [teacher, pupilA, pupilB, moderator] = [await tab(), await tab(), await tab(), await tab()];
    const logins: [Tab, string][] = [[teacher, 'claire.fontaine'], [pupilA, 'lea.martin'], [pupilB, 'chloe.nguyen'], [moderator, 'yanis.belkacem']];
    for (const [opened, login] of logins) {
      await signInToDashboard(opened.page, server.url, server.dataDir, login);
      await opened.page.goto(`${server.url}/murs/${spaceId}`);
      await opened.page.getByTestId('wall-board').waitFor();
    }
    await teacher.page.getByTestId('wall-settings').waitFor();

    // Chloé posts; Yanis, not yet a moderator, has no action on her card.
    await pupilB.page.getByTestId('wall-add-card').click();
    await pupilB.page.getByRole('dialog').getByLabel(wallFr.editor.title).fill('Idée de Chloé');
    await pupilB.page.getByRole('dialog').getByTestId('wall-editor-save').click();
    const chloeCard = cardByTitle(moderator.page, 'Idée de Chloé');
    await chloeCard.waitFor();
    expect(await chloeCard.getByTestId('wall-card-menu').count()).toBe(0);

    // Designated: the moderation action appears without a reload; the settings never do.
    expect((await teacherHttp.post(`/api/spaces/${spaceId}/moderators`, { userId: moderatorId })).status).toBe(200);
    await chloeCard.getByTestId('wall-card-menu').waitFor();
    await chloeCard.getByTestId('wall-card-menu').click();
    await moderator.page.getByRole('menuitem', { name: wallFr.card.hide }).waitFor();
    await moderator.page.keyboard.press('Escape');
    expect(await moderator.page.getByTestId('wall-settings').count()).toBe(0);

    // Léa writes her phone number: warned first; « Corriger » keeps her card, « Envoyer quand même » sends it.
    await pupilA.page.getByTestId('wall-add-card').click();
    const editor = pupilA.page.getByRole('dialog', { name: wallFr.editor.createTitle });
    await editor.getByLabel(wallFr.editor.title).fill('Mon numéro');
    await editor.getByRole('textbox', { name: wallFr.editor.body }).fill('Appelle-moi au 06 12 34 56 78');
    await editor.getByTestId('wall-editor-save').click();
    await pupilA.page.getByRole('dialog', { name: wallFr.pii.title }).waitFor();
    await pupilA.page.getByTestId('pii-correct').click();
    await pupilA.page.getByRole('dialog', { name: wallFr.pii.title }).waitFor({ state: 'detached' });
    expect(await editor.getByLabel(wallFr.editor.title).inputValue()).toBe('Mon numéro');
    await editor.getByTestId('wall-editor-save').click();
    await pupilA.page.getByTestId('pii-confirm').click();
    await pupilA.page.getByTestId('wall-announcement').filter({ hasText: wallFr.card.heldPersonalInfo_pupil }).waitFor();
    await cardByTitle(pupilA.page, 'Mon numéro').getByTestId('wall-personal-info-badge').waitFor();

    // The teacher has it, flagged; neither the pupil moderator (personal information is the teacher's to read) nor
    // Chloé sees it.
    const forTeacher = cardByTitle(teacher.page, 'Mon numéro');
    await forTeacher.getByTestId('wall-personal-info-badge').waitFor();
    await pupilB.page.waitForTimeout(QUIET_MS);
    expect(await cardByTitle(moderator.page, 'Mon numéro').count()).toBe(0);
    expect(await cardByTitle(pupilB.page, 'Mon numéro').count()).toBe(0);

    // The teacher approves it: now the class, the pupil moderator too, sees it.
    await forTeacher.getByTestId('wall-approve').click();
    await cardByTitle(pupilB.page, 'Mon numéro').waitFor({ timeout: LIVE_MS * 2 });
    await cardByTitle(moderator.page, 'Mon numéro').waitFor({ timeout: LIVE_MS * 2 });

    for (const opened of tabs) opened.errors.assertNone();
  });
});
