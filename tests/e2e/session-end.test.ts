import type { Page } from 'playwright-core';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { SessionSummary } from '../../shared/identity/api';
import fr from '../../client/src/i18n/fr.json';
import { describeE2E } from '../helpers/browser';
import type { TestServer } from '../helpers/server';
import { signedIn } from '../helpers/sockets';
import { createPad } from '../integration/pad/support';
import { expectedFailure, openPad, pathname, useBrowserWorld, type Tab } from './support/identity';
import { QUIET_MS } from './support/live';

/** The bound of the issue: an ended session's tab is on the sign-in page within this. */
const BOUND_MS = 2_000;

/** Opens the pad in a signed-in tab and waits until both its live connections are up. */
async function onPad(page: Page, server: TestServer, padId: string): Promise<void> {
  await openPad(page, server.url, padId);
  await page.locator('[data-testid="live-state"][data-state="online"]').waitFor();
}

/** Counts the WebSockets a page opens from now on (a reconnection loop would open more and more). */
function countWebSockets(page: Page): () => number {
  let opened = 0;
  page.on('websocket', () => (opened += 1));
  return () => opened;
}

describeE2E('a session ended elsewhere: the open tab returns to sign-in with the reason, and stops reconnecting', () => {
  const { server, signedInTab, closeTabs } = useBrowserWorld();
  let padId: string;
  // Expected: `/api/me` answers 401 once the session is gone.
  const tab = (login: string): Promise<Tab> => signedInTab(login, [expectedFailure(401, '/api/me')]);

  beforeAll(async () => {
    const teacher = await signedIn(server(), 'claire.fontaine');
    const classes = await teacher.get<{ classes: Array<{ id: string }> }>('/api/dashboard');
    padId = (await createPad(teacher, classes.body.classes[0]!.id)).id;
  });
  afterEach(closeTabs);

  it('a pupil closes, from another device, the session of a tab left open on a pad', async () => {
    const left = await tab('noah.kowalski');
    await onPad(left.page, server(), padId);
    const sockets = countWebSockets(left.page);

    const elsewhere = await signedIn(server(), 'noah.kowalski');
    const sessions = await elsewhere.get<SessionSummary[]>('/api/me/sessions');
    const target = sessions.body.find((session) => !session.current)!;
    expect((await elsewhere.send('DELETE', `/api/me/sessions/${target.id}`)).status).toBe(200);
    const revokedAt = Date.now();

    const notice = left.page.getByTestId('sign-out-notice');
    await notice.waitFor({ timeout: BOUND_MS });
    expect(Date.now() - revokedAt).toBeLessThan(BOUND_MS);
    expect(pathname(left.page)).toBe('/connexion');
    expect(await notice.textContent()).toBe(fr.auth.notices.ended);

    // No reconnection: the tab opens no WebSocket while it waits on the sign-in page.
    const openedBefore = sockets();
    await left.page.waitForTimeout(QUIET_MS);
    expect(sockets()).toBe(openedBefore);
    left.errors.assertNone('in the tab whose session was closed');
  });

  it('signing out in one tab takes the other tab of the same session, open on a pad, to the sign-in page', async () => {
    const first = await tab('jade.lefevre');
    await onPad(first.page, server(), padId);
    const second = await first.context.newPage();
    await second.goto(`${server().url}/accueil`);
    await second.locator('[data-testid="live-state"][data-state="online"]').waitFor();

    await second.getByRole('button', { name: fr.auth.signOut }).click();
    const signedOutAt = Date.now();
    const notice = first.page.getByTestId('sign-out-notice');
    await notice.waitFor({ timeout: BOUND_MS });
    expect(Date.now() - signedOutAt).toBeLessThan(BOUND_MS);
    expect(await notice.textContent()).toBe(fr.auth.notices.signedOut);
    first.errors.assertNone('in the other tab');
  });
});
