/**
 * The moderation console shows content as the space shows it: a reported image card appears with its image (the
 * wall's own file route), its text, who reported it and why; only the actions that fit its state are offered
 * (« Masquer » on a published card, never « Rétablir »), and « Rétablir » on the hidden card asks for no reason
 * code, only an optional comment.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import moderationFr from '../../client/src/features/moderation/i18n/fr.json';
import type { UploadedFile } from '../../shared/wall/types';
import { describeE2E, launchBrowser } from '../helpers/browser';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { openSocket, signedIn } from '../helpers/sockets';
import { doc, must, upload } from '../integration/wall/support';
import { openTab, signInToDashboard, type Tab } from './support/identity';
import { LIVE_MS } from './support/live';

describeE2E('moderation console: content as in the space, actions that fit', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  let consolePage: Page;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer({ timeoutMs: 120_000 });
    browser = await launchBrowser();
    const opened = await openTab(browser);
    tabs.push(opened);
    consolePage = opened.page;
    await signInToDashboard(consolePage, server.url, server.dataDir, 'claire.fontaine');
    await consolePage.goto(`${server.url}/moderation`);
    await consolePage.getByTestId('report-queue').waitFor({ state: 'attached' });
  });

  afterAll(async () => {
    for (const opened of tabs) await opened.context.close();
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('a reported image card: its image, its reporter, « Masquer » but no « Rétablir »; once hidden, « Rétablir » without any reason code', async () => {
    const teacherHttp = await signedIn(server, 'claire.fontaine');
    const dashboard = await teacherHttp.get<{ classes: { id: string; name: string }[] }>('/api/dashboard');
    const classId = dashboard.body.classes.find((entry) => entry.name.includes('CE2'))?.id ?? dashboard.body.classes[0]!.id;
    const wall = await teacherHttp.post<{ id: string }>('/api/spaces', { kind: 'wall', title: 'Mur de la mer', scope: { kind: 'class', classId }, settings: { layout: 'stream' } });
    expect(wall.status).toBe(201);
    const spaceId = wall.body.id;

    const pupilHttp = await signedIn(server, 'lea.martin');
    const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#1c7ed6' } }).png().toBuffer();
    const file = (await upload(pupilHttp, spaceId, png, 'dauphin.png', 'image/png')).body as UploadedFile;
    const author = await openSocket(server, pupilHttp);
    const reporter = await openSocket(server, await signedIn(server, 'chloe.nguyen'));
    try {
      const { card } = await must<{ card: { id: string } }>(author, 'wall:card:create', { spaceId, title: 'Le requin', body: doc('Il a de grandes dents'), attachmentId: file.blobId });
      await must(reporter, 'report:create', { kind: 'wallCard', itemId: card.id, spaceId, category: 'autre', text: 'Ce n’est pas un requin' });
    } finally {
      author.close();
      reporter.close();
    }

    const report = consolePage.getByTestId('report-card').filter({ hasText: 'Le requin' });
    await report.waitFor({ timeout: LIVE_MS * 3 });
    // The image itself (not « Le requin — dauphin.png »), through the wall's file route, and loaded.
    const image = report.locator('img');
    await image.waitFor();
    expect(await image.getAttribute('src')).toContain(`/api/walls/${spaceId}/files/${file.blobId}`);
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth), { timeout: LIVE_MS * 3 }).toBeGreaterThan(0);
    expect(await report.textContent()).toContain('Il a de grandes dents');
    expect(await report.textContent()).not.toContain('dauphin.png');
    // Who reported it, and why.
    const reporterLine = report.getByTestId('report-reporter');
    expect(await reporterLine.textContent()).toContain(moderationFr.reporter.by.replace('{{name}}', 'Chloé Nguyen'));
    expect(await reporterLine.textContent()).toContain('Ce n’est pas un requin');

    await report.getByRole('button', { name: moderationFr.claim }).click();
    await report.getByRole('button', { name: moderationFr.actions.hide }).waitFor({ timeout: LIVE_MS * 3 });
    // A published card: nothing to restore, nor to approve.
    expect(await report.getByRole('button', { name: moderationFr.actions.restore }).count()).toBe(0);
    expect(await report.getByRole('button', { name: moderationFr.actions.approve }).count()).toBe(0);
    await report.getByTestId('more-actions').click();
    await consolePage.getByRole('menuitem', { name: moderationFr.actions.delete }).waitFor();
    expect(await consolePage.getByRole('menuitem', { name: moderationFr.actions.restore }).count()).toBe(0);
    await consolePage.keyboard.press('Escape');

    await report.getByRole('button', { name: moderationFr.actions.hide }).click();
    const why = consolePage.getByRole('dialog');
    await why.getByRole('radio', { name: moderationFr.reasons.hors_sujet }).check();
    await why.getByTestId('reason-confirm').click();

    // Hidden: it waits for review, with « Rétablir » and no « Masquer ».
    const hidden = consolePage.getByTestId('pending-item').filter({ hasText: 'Le requin' });
    await hidden.getByRole('button', { name: moderationFr.actions.restore }).waitFor({ timeout: LIVE_MS * 3 });
    expect(await hidden.getByRole('button', { name: moderationFr.actions.hide }).count()).toBe(0);
    await hidden.locator('img').waitFor();

    await hidden.getByRole('button', { name: moderationFr.actions.restore }).click();
    const restore = consolePage.getByRole('dialog', { name: moderationFr.restore.title });
    await restore.waitFor();
    // No reason code to pick: only an optional comment.
    expect(await restore.getByRole('radio').count()).toBe(0);
    expect(await restore.getByRole('combobox').count()).toBe(0);
    await restore.getByRole('textbox', { name: moderationFr.restore.comment }).fill('Je me suis trompée.');
    await restore.getByTestId('restore-confirm').click();
    await hidden.waitFor({ state: 'detached', timeout: LIVE_MS * 3 });
    const visible = consolePage.getByTestId('stream-item').filter({ hasText: 'Le requin' });
    await visible.getByRole('button', { name: moderationFr.actions.hide }).waitFor({ timeout: LIVE_MS * 3 });
    expect(await visible.getByRole('button', { name: moderationFr.actions.restore }).count()).toBe(0);
  });
});
