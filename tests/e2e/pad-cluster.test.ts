/**
 * Tiptap in Chromium on two Préau nodes (one Redis, one store): two pupils, each on their own node, co-write one
 * pad. Each sees the other's text and named caret without a reload (the pad stream and presence over Redis), and
 * a third node reads the same text from the store.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { describeE2E, launchBrowser } from '../helpers/browser';
import { useTestCluster } from '../helpers/cluster';
import { describeRedis } from '../helpers/redis';
import { ROOT } from '../helpers/server';
import { signedIn } from '../helpers/sockets';
import { classOf } from '../integration/cluster/support';
import { createPad, eventually, serverText } from '../integration/pad/support';
import { openPad, openTab, signInToDashboard, type Tab } from './support/identity';
import { LIVE_MS } from './support/live';

const editorOf = (page: Page) => page.getByTestId('pad-editor');
const textOf = (page: Page) => editorOf(page).innerText();

describeE2E('pads in Chromium across nodes', () => {
  describeRedis('two pupils on two nodes co-write one pad', () => {
    const cluster = useTestCluster({ nodes: 3 });
    let browser: Browser;
    const tabs: Tab[] = [];

    beforeAll(async () => {
      execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      for (const tab of tabs) await tab.context.close();
      await browser?.close();
    });

    /** `login` in Chromium on node `node`, the pad open. */
    async function onNode(node: number, login: string, padId: string): Promise<Tab> {
      const tab = await openTab(browser);
      tabs.push(tab);
      const server = cluster().nodes[node]!;
      await signInToDashboard(tab.page, server.url, server.dataDir, login);
      await openPad(tab.page, server.url, padId);
      return tab;
    }

    it('each sees the other’s text and named caret without a reload, and a third node reads the same text', async () => {
      const teacher = await signedIn(cluster().nodes[0]!, 'claire.fontaine');
      const padId = (await createPad(teacher, await classOf(teacher))).id;
      const lea = await onNode(0, 'lea.martin', padId);
      const yanis = await onNode(1, 'yanis.belkacem', padId);

      await editorOf(lea.page).click();
      await editorOf(yanis.page).click();
      await Promise.all([lea.page.keyboard.type('Le volcan se réveille. ', { delay: 15 }), yanis.page.keyboard.type('La lave coule. ', { delay: 15 })]);
      await eventually(async () => (await textOf(yanis.page)).includes('Le volcan se réveille.'), 'Yanis, on node 2, sees Léa', LIVE_MS);
      await eventually(async () => (await textOf(lea.page)).includes('La lave coule.'), 'Léa, on node 1, sees Yanis', LIVE_MS);

      await lea.page.keyboard.type('!');
      await yanis.page.locator('.collaboration-carets__label', { hasText: 'Léa Martin' }).waitFor({ timeout: LIVE_MS });
      await yanis.page.keyboard.type('?');
      await lea.page.locator('.collaboration-carets__label', { hasText: 'Yanis Belkacem' }).waitFor({ timeout: LIVE_MS });

      // Node 3 loads the pad from the store (the editors' texts also hold the carets' name labels, so compare words).
      const third = await signedIn(cluster().nodes[2]!, 'claire.fontaine');
      const written = ['Le volcan se réveille.', 'La lave coule.'];
      await eventually(async () => {
        const stored = await serverText(cluster().nodes[2]!, third, padId);
        return written.every((words) => stored.includes(words)) && stored.includes('!') && stored.includes('?');
      }, 'node 3 reads both pupils’ text', LIVE_MS * 3);
      for (const tab of [lea, yanis]) tab.errors.assertNone();
    });
  });
});
