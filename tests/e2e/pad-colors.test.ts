/**
 * Author colours in a pad: Léa and Chloé, whose ids prefer the same colour, write in one pad; the teacher sees
 * their carets and, with « Afficher les auteurs », their passages in clearly different colours (CIEDE2000 at
 * least MIN_AUTHOR_COLOR_DISTANCE apart), each person's caret and passages from the same colour pair.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import padFr from '../../client/src/features/pad/i18n/fr.json';
import { deltaE2000 } from '../../shared/pad/color-distance';
import { AUTHOR_COLORS, MIN_AUTHOR_COLOR_DISTANCE } from '../../shared/pad/colors';
import { describeE2E, launchBrowser } from '../helpers/browser';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { signedIn } from '../helpers/sockets';
import { createPad } from '../integration/pad/support';
import { openPad, openTab, signInToDashboard, type Tab } from './support/identity';
import { LIVE_MS } from './support/live';

/** `rgb(r, g, b)` as `#rrggbb`. */
const hexOf = (css: string): string => {
  const [r, g, b] = (css.match(/\d+/g) ?? []).map(Number);
  return `#${[r, g, b].map((value) => (value ?? 0).toString(16).padStart(2, '0')).join('')}`;
};
const editorOf = (page: Page) => page.getByTestId('pad-editor');

describeE2E('pad author colours: two authors, two clearly different colours', () => {
  let server: TestServer;
  let browser: Browser;
  let padId: string;
  const tabs: Tab[] = [];

  const open = async (login: string): Promise<Tab> => {
    const tab = await openTab(browser);
    tabs.push(tab);
    await signInToDashboard(tab.page, server.url, server.dataDir, login);
    await openPad(tab.page, server.url, padId);
    return tab;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer({ timeoutMs: 120_000 });
    browser = await launchBrowser();
    const teacherHttp = await signedIn(server, 'claire.fontaine');
    const classes = await teacherHttp.get<{ classes: Array<{ id: string; name: string }> }>('/api/dashboard');
    const ce2 = classes.body.classes.find((entry) => entry.name.includes('CE2')) ?? classes.body.classes[0]!;
    padId = (await createPad(teacherHttp, ce2.id)).id;
  });
  afterAll(async () => {
    for (const tab of tabs) await tab.context.close();
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('Léa and Chloé get different carets and highlights, each from one colour pair', async () => {
    const lea = await open('lea.martin');
    const chloe = await open('chloe.nguyen');
    await editorOf(lea.page).click();
    await lea.page.keyboard.type('Les baleines chantent. ', { delay: 10 });
    await editorOf(chloe.page).click();
    await chloe.page.keyboard.press('End');
    await chloe.page.keyboard.type('Les dauphins sifflent.', { delay: 10 });

    const teacher = await open('claire.fontaine');
    await expect.poll(() => editorOf(teacher.page).innerText(), { timeout: LIVE_MS * 5 }).toContain('Les dauphins sifflent.');
    // Both move their caret again, so that the teacher's page shows both carets.
    await lea.page.keyboard.type(' ');
    await chloe.page.keyboard.type(' ');
    const caret = async (name: string) => hexOf(await teacher.page.locator('.collaboration-carets__label', { hasText: name }).evaluate((label) => getComputedStyle(label).backgroundColor));
    await teacher.page.locator('.collaboration-carets__label', { hasText: 'Léa Martin' }).waitFor({ timeout: LIVE_MS * 5 });
    await teacher.page.locator('.collaboration-carets__label', { hasText: 'Chloé Nguyen' }).waitFor({ timeout: LIVE_MS * 5 });
    const carets = { lea: await caret('Léa Martin'), chloe: await caret('Chloé Nguyen') };
    expect(deltaE2000(carets.lea, carets.chloe)).toBeGreaterThanOrEqual(MIN_AUTHOR_COLOR_DISTANCE);

    await teacher.page.getByRole('switch', { name: padFr.authors.toggle }).check({ force: true });
    await teacher.page.getByTestId('pad-authors-legend').getByText('Chloé Nguyen').waitFor({ timeout: LIVE_MS * 5 });
    const highlight = async (userId: string) => hexOf(await teacher.page.locator(`.pad-author[data-author="${userId}"]`).first().evaluate((span) => getComputedStyle(span).backgroundColor));
    await expect.poll(() => teacher.page.locator('.pad-author[data-author="demo-user-chloe.nguyen"]').count(), { timeout: LIVE_MS * 5 }).toBeGreaterThan(0);
    const highlights = { lea: await highlight('demo-user-lea.martin'), chloe: await highlight('demo-user-chloe.nguyen') };
    expect(deltaE2000(highlights.lea, highlights.chloe)).toBeGreaterThanOrEqual(MIN_AUTHOR_COLOR_DISTANCE);
    // One person, one pair: the caret and the passages of each come from the same palette entry.
    for (const person of ['lea', 'chloe'] as const) {
      expect(AUTHOR_COLORS.find((pair) => pair.highlight === highlights[person])?.caret).toBe(carets[person]);
    }
  });
});
