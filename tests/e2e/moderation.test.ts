/**
 * Live moderation in Chromium, one browser context per person: a pupil reports a chat message and the
 * teacher's console shows it within 1 s; the teacher claims it and hides the message with a reason: within 1 s
 * it disappears for the pupils and for the parent, and its author gets a notification with the reason;
 * restoring brings it back.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import chatFr from '../../client/src/features/chat/i18n/fr.json';
import moderationFr from '../../client/src/features/moderation/i18n/fr.json';
import { describeE2E, launchBrowser } from '../helpers/browser';
import { ROOT, startServer, type TestServer } from '../helpers/server';
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
});
