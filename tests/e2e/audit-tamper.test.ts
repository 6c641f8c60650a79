/**
 * The director sees, in French, what was done to the log behind Préau's back: the tail of the school's chain and
 * one middle entry are deleted in the database while the server is stopped; after the restart, « Vérifier la
 * chaîne » names the first broken entry and each problem in words.
 */
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import auditFr from '../../client/src/features/audit/i18n/fr.json';
import { DEMO_SCHOOL_ID } from '../../server/features/directory/seed';
import { describeE2E, launchBrowser } from '../helpers/browser';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { signedIn } from '../helpers/sockets';
import { RawAudit } from '../integration/storage/audit-tamper-support';
import { openTab, signInToDashboard, type Tab } from './support/identity';

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

describeE2E('a tampered audit log in the console', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  let head = 0;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer();
    const pupil = await signedIn(server, 'timeo.lambert');
    for (let i = 0; i < 20; i++) await pupil.get('/api/admin/users');
    expect(await server.stop()).toBe(0);
    const raw = await RawAudit.open(server.dataDir);
    head = (await raw.chain(DEMO_SCHOOL_ID)).at(-1)?.seq ?? 0;
    await raw.delete(DEMO_SCHOOL_ID, [5, head - 2, head - 1, head]);
    await raw.close();
    server = await startServer({ dataDir: server.dataDir });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const opened of tabs) await opened.context.close();
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('the director verifies the chain and reads each problem in French', async () => {
    const opened = await openTab(browser);
    tabs.push(opened);
    const { page } = opened;
    await signInToDashboard(page, server.url, server.dataDir, 'isabelle.moreau');
    await page.goto(`${server.url}/journal`);
    await page.getByRole('heading', { level: 1, name: auditFr.console.title }).waitFor();
    await page.getByRole('button', { name: auditFr.chain.verify }).click();
    const result = page.getByTestId('chain-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('false');
    await expect.poll(() => result.getByText(fill(auditFr.chain.broken, { seq: 5 })).count()).toBe(1);
    const problems = page.getByRole('list', { name: auditFr.chain.problemsLabel }).getByRole('listitem');
    expect(await problems.allTextContents()).toEqual([
      fill(auditFr.chain.problems.missing.one, { from: 5 }),
      fill(auditFr.chain.problems.missing.range, { from: head - 2, to: head }),
    ]);
    opened.errors.assertNone('in the audit console');
  });
});
