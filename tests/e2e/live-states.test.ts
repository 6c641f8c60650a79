/**
 * Issue 18 (Deliver 5), in Chromium: what a live page says when the network goes, and when a pupil is muted.
 * - The wall and the chat show the cut within 3 s of the browser going offline (measured in the page, from the
 *   `offline` event to the badge's change, so a loaded machine does not make it fail), and come back online by
 *   themselves. Before, « En direct » / « En ligne » stayed until the server's ping gave up (30–45 s).
 * - A silent cut (the network stops answering without the browser saying so: a school Wi-Fi without its uplink) is
 *   shown after the client's heartbeat, within seconds (before: 30–45 s). Chromium and Socket.IO already handled
 *   the `offline` event on a non-localhost address; the heartbeat and the paused reconnection are what is new. The
 *   pad's own socket (y-websocket, which waits 30 s for a message) is dropped and reopened with the tab's.
 * - « Publier » offline answers within seconds that the card is not published and its draft waits, instead of
 *   spinning; it publishes once the network is back.
 * - A pupil muted in a chat while she looks at it sees the banner and a disabled message box at once, without a
 *   reload; the unmute gives her the box back, live.
 * - Her home, on a tablet: each space's kind in full (never « DISCU… ») with its icon, and the class card opens the
 *   class's spaces.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import chatFr from '../../client/src/features/chat/i18n/fr.json';
import spacesFr from '../../client/src/features/spaces/i18n/fr.json';
import appFr from '../../client/src/i18n/fr.json';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { LIVE_HEARTBEAT_INTERVAL_MS, LIVE_HEARTBEAT_TIMEOUT_MS } from '../../shared/limits';
import { describeE2E } from '../helpers/browser';
import type { Browser as HttpClient } from '../helpers/http';
import { openSocket, signedIn } from '../helpers/sockets';
import { createPad } from '../integration/pad/support';
import { createWall, must } from '../integration/wall/support';
import { expectedFailure, openPad, useBrowserWorld } from './support/identity';
import { LIVE_MS } from './support/live';

/** How soon a cut the browser announces must show. */
const OFFLINE_SHOWN_MS = 3_000;
/** A silent cut: the heartbeat's silence, its unanswered ping, and its check's tick. */
const SILENT_CUT_SHOWN_MS = LIVE_HEARTBEAT_INTERVAL_MS + LIVE_HEARTBEAT_TIMEOUT_MS + 2_000;
/** Generous waits for a loaded machine: how long things may take, never how long we sleep. */
const BACK_ONLINE_MS = 30_000;

/** Every French wording of an i18n key (its tu/vous variants included), for text assertions. */
const wordings = (group: Record<string, string>, key: string): string[] =>
  Object.entries(group)
    .filter(([name]) => name === key || name.startsWith(`${key}_`))
    .map(([, text]) => text);

/**
 * Starts watching a badge in the page: resolves (in the test) with the milliseconds between the page's `offline`
 * event (or `mark()`, for a cut the browser does not announce) and the moment the badge's text left `liveText`.
 */
async function watchBadge(page: Page, testId: string, liveText: string): Promise<void> {
  await page.evaluate(
    ({ id, live }) => {
      const w = window as unknown as { __cut?: number; __shown?: number };
      delete w.__cut;
      delete w.__shown;
      window.addEventListener('offline', () => (w.__cut ??= performance.now()), { once: true });
      const check = () => {
        const badge = document.querySelector(`[data-testid="${id}"]`);
        if (w.__cut !== undefined && w.__shown === undefined && (!badge || !badge.textContent?.includes(live))) w.__shown = performance.now();
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
      setInterval(check, 50);
    },
    { id: testId, live: liveText },
  );
}

/** Marks the cut in the page's clock (for a cut the browser does not announce). */
const markCut = (page: Page) => page.evaluate(() => ((window as unknown as { __cut?: number }).__cut ??= performance.now()));

/** The measured delay, once the badge changed (polled generously; the budget is asserted on the measure). */
async function shownAfter(page: Page, budgetMs: number): Promise<number> {
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __shown?: number }).__shown ?? null), { timeout: budgetMs + 20_000, interval: 100 })
    .not.toBeNull();
  return page.evaluate(() => {
    const w = window as unknown as { __cut: number; __shown: number };
    return w.__shown - w.__cut;
  });
}

/** The chat's message box (the one text field of the room's page when nobody edits a message). */
const composerOf = (page: Page) => page.locator('form textarea').first();

/**
 * Routes the tab's Socket.IO traffic through the test, which can stop it silently (a silent cut): WebSocket frames
 * are dropped both ways, long-polling requests are left unanswered (before its upgrade, or if it stays on polling).
 */
async function cuttable(context: BrowserContext): Promise<{ cut: boolean }> {
  const line = { cut: false };
  await context.routeWebSocket(/\/(socket\.io|collab)\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => !line.cut && server.send(message));
    server.onMessage((message) => !line.cut && ws.send(message));
  });
  await context.route(/\/socket\.io\/.*transport=polling/, async (route) => {
    if (!line.cut) return route.continue();
    // Unanswered, as on a network that swallows packets (the context's closing ends it).
    await new Promise(() => undefined);
  });
  return line;
}

describeE2E('live states: offline shown within 3 s, « Publier » offline, muted live', () => {
  const world = useBrowserWorld();
  let teacher: HttpClient;
  let wallId: string;
  let roomId: string;
  let padId: string;

  beforeAll(async () => {
    teacher = await signedIn(world.server(), 'claire.fontaine');
    const classes = await teacher.get<{ classes: Array<{ id: string }> }>('/api/dashboard');
    const classId = classes.body.classes[0]!.id;
    wallId = (await createWall(teacher, classId)).id;
    const room = await teacher.post<{ id: string }>('/api/spaces', { kind: 'chat', title: 'Salon des CE2', scope: { kind: 'class', classId } });
    if (room.status !== 201) throw new Error(`chat creation failed: ${room.status} ${JSON.stringify(room.body)}`);
    roomId = room.body.id;
    padId = (await createPad(teacher, classId)).id;
  });

  it('the wall shows the cut within 3 s, « Publier » says the card waits, and all comes back online', async () => {
    const { page, context } = await world.signedInTab('lea.martin', [expectedFailure(401, '/api/me')]);
    await page.goto(`${world.server().url}/murs/${wallId}`);
    const badge = page.getByTestId('wall-live');
    await badge.filter({ hasText: wallFr.page.live }).waitFor({ timeout: LIVE_MS });
    await watchBadge(page, 'wall-live', wallFr.page.live);

    await context.setOffline(true);
    expect(await shownAfter(page, OFFLINE_SHOWN_MS)).toBeLessThan(OFFLINE_SHOWN_MS);
    await expect.poll(() => badge.textContent(), { timeout: LIVE_MS }).not.toContain(wallFr.page.live);

    // « Publier » offline: an answer within seconds (no endless spinner), the draft kept.
    await page.getByTestId('wall-add-card').click();
    const editor = page.getByRole('dialog');
    await editor.getByLabel(wallFr.editor.title).fill('Écrite sans réseau');
    const started = Date.now();
    await editor.getByTestId('wall-editor-save').click();
    const alert = editor.getByRole('alert');
    await alert.waitFor({ timeout: LIVE_MS });
    expect(Date.now() - started).toBeLessThan(LIVE_MS);
    expect(wordings(wallFr.errors, 'offline')).toContain(((await alert.textContent()) ?? '').trim());
    expect(await editor.getByLabel(wallFr.editor.title).inputValue()).toBe('Écrite sans réseau');

    // Back online: the badge says so again by itself, and the same draft is published.
    await context.setOffline(false);
    await badge.filter({ hasText: wallFr.page.live }).waitFor({ timeout: BACK_ONLINE_MS });
    await editor.getByTestId('wall-editor-save').click();
    await page.getByTestId('wall-card').filter({ has: page.getByRole('heading', { name: 'Écrite sans réseau' }) }).waitFor({ timeout: LIVE_MS });
  });

  it('the chat shows a cut within 3 s, a silent cut after the heartbeat, and comes back online after each', async () => {
    const { page, context } = await world.signedInTab('yanis.belkacem', [expectedFailure(401, '/api/me')]);
    const line = await cuttable(context);
    await page.goto(`${world.server().url}/discussions/${roomId}`);
    const badge = page.getByTestId('chat-live');
    await composerOf(page).waitFor({ timeout: LIVE_MS });
    const online = chatFr.connection.online;
    await badge.filter({ hasText: online }).waitFor({ timeout: LIVE_MS });
    await watchBadge(page, 'chat-live', online);

    await context.setOffline(true);
    expect(await shownAfter(page, OFFLINE_SHOWN_MS)).toBeLessThan(OFFLINE_SHOWN_MS);
    await context.setOffline(false);
    await badge.filter({ hasText: online }).waitFor({ timeout: BACK_ONLINE_MS });

    await watchBadge(page, 'chat-live', online);
    line.cut = true;
    await markCut(page);
    expect(await shownAfter(page, SILENT_CUT_SHOWN_MS)).toBeLessThan(SILENT_CUT_SHOWN_MS);
    line.cut = false;
    await badge.filter({ hasText: online }).waitFor({ timeout: BACK_ONLINE_MS + 20_000 });
  });

  it('the wall shows a silent cut (no offline event) once the heartbeat goes unanswered, and comes back', async () => {
    const { page, context } = await world.signedInTab('chloe.nguyen', [expectedFailure(401, '/api/me')]);
    const line = await cuttable(context);
    await page.goto(`${world.server().url}/murs/${wallId}`);
    const badge = page.getByTestId('wall-live');
    await badge.filter({ hasText: wallFr.page.live }).waitFor({ timeout: LIVE_MS });
    await watchBadge(page, 'wall-live', wallFr.page.live);

    line.cut = true;
    await markCut(page);
    expect(await shownAfter(page, SILENT_CUT_SHOWN_MS)).toBeLessThan(SILENT_CUT_SHOWN_MS);
    line.cut = false;
    await badge.filter({ hasText: wallFr.page.live }).waitFor({ timeout: BACK_ONLINE_MS + 20_000 });
  });

  it('the pad shows a silent cut (its own socket and the tab’s) after the heartbeat, not 30 s later, and comes back', async () => {
    const { page, context } = await world.signedInTab('yanis.belkacem', [expectedFailure(401, '/api/me')]);
    const line = await cuttable(context);
    await openPad(page, world.server().url, padId);
    const status = page.getByTestId('pad-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: LIVE_MS }).toBe('connected');
    await page.evaluate(() => {
      const w = window as unknown as { __cut?: number; __shown?: number };
      const check = () => {
        if (w.__cut !== undefined && w.__shown === undefined && document.querySelector('[data-testid="pad-status"]')?.getAttribute('data-status') !== 'connected') w.__shown = performance.now();
      };
      new MutationObserver(check).observe(document.body, { subtree: true, attributes: true, childList: true });
      setInterval(check, 50);
    });
    line.cut = true;
    await markCut(page);
    expect(await shownAfter(page, SILENT_CUT_SHOWN_MS)).toBeLessThan(SILENT_CUT_SHOWN_MS);
    line.cut = false;
    await expect.poll(() => status.getAttribute('data-status'), { timeout: BACK_ONLINE_MS + 20_000 }).toBe('connected');
  });

  it('a pupil muted in a chat sees the banner and a disabled box at once, and gets the box back at the unmute', async () => {
    const { page } = await world.signedInTab('lea.martin', [expectedFailure(401, '/api/me')]);
    await page.goto(`${world.server().url}/discussions/${roomId}`);
    const field = composerOf(page);
    await field.waitFor({ timeout: LIVE_MS });
    expect(await field.isEnabled()).toBe(true);
    const leaId = await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { user: { id: string } }).user.id);
    const socket = await openSocket(world.server(), teacher);
    try {
      await must(socket, 'space:join', { spaceId: roomId });
      await must(socket, 'chat:mute', { roomId, userId: leaId, minutes: 5, reasonCode: 'autre' });
      await page.getByTestId('chat-muted-notice').waitFor({ timeout: LIVE_MS });
      await expect.poll(() => field.isDisabled(), { timeout: LIVE_MS }).toBe(true);

      await must(socket, 'chat:unmute', { roomId, userId: leaId });
      await page.getByTestId('chat-muted-notice').waitFor({ state: 'detached', timeout: LIVE_MS });
      await expect.poll(() => field.isEnabled(), { timeout: LIVE_MS }).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('home on a tablet: space kinds in full with an icon, and the class card opens the class’s spaces', async () => {
    const { page } = await world.signedInTab('lea.martin', [expectedFailure(401, '/api/me')]);
    await page.setViewportSize({ width: 820, height: 1180 });
    const kinds = page.getByTestId('space-kind');
    await kinds.first().waitFor({ timeout: LIVE_MS });
    for (const badge of await kinds.all()) {
      const shown = await badge.evaluate((element) => {
        const label = element.querySelector('.mantine-Badge-label') ?? element;
        return { text: label.textContent ?? '', cut: label.scrollWidth > label.clientWidth + 1, icon: element.querySelector('svg') !== null };
      });
      expect(Object.values(spacesFr.kinds)).toContain(shown.text);
      expect(shown, shown.text).toMatchObject({ cut: false, icon: true });
    }

    // The whole class card is the way in (clicked away from its title), named for what it opens.
    const card = page.getByTestId('class-card').first();
    const className = ((await card.getByRole('heading').textContent()) ?? '').trim();
    expect(await card.getByRole('link', { name: appFr.dashboard.openClassSpaces.replace('{{name}}', className) }).count()).toBe(1);
    const box = (await card.boundingBox())!;
    await page.mouse.click(box.x + box.width - 12, box.y + box.height - 12);
    await page.waitForURL((url) => url.searchParams.has('classe'));
    await page.getByRole('heading', { level: 2, name: spacesFr.onlyClass.replace('{{name}}', className) }).waitFor();
    expect(await page.getByTestId('space-card').count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId('spaces-all').click();
    await page.getByRole('heading', { level: 2, name: spacesFr.title }).waitFor();
  });
});
