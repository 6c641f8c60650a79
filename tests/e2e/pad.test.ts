/**
 * The collaborative pad in Chromium, one browser context per person — the acceptance of the issue:
 * - two pupils type at the same time; each sees the other's text and named caret within 1 s;
 * - a parent sees the text but cannot type; a raw y-websocket client with the parent's session changes nothing;
 * - the teacher mutes pupil B from the pad: B's editor turns read-only without a reload, and B's raw-protocol
 *   updates are not applied;
 * - a pupil typing a phone number is warned, then told that a teacher will read it again (« pad reports »);
 * - kill -9 of the server while both type, restart: the editors reconnect and the text holds everything, once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import padFr from '../../client/src/features/pad/i18n/fr.json';
import { padDocumentName } from '../../shared/pad/protocol';
import { describeE2E, launchBrowser } from '../helpers/browser';
import { Browser as HttpClient } from '../helpers/http';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { signedIn } from '../helpers/sockets';
import { RawClient, createPad, eventually, serverText, typeText } from '../integration/pad/support';
import { expectedFailure, openPad, openTab, signInToDashboard, type Tab } from './support/identity';
import { LIVE_MS } from './support/live';


const editorOf = (page: Page) => page.getByTestId('pad-editor');
const textOf = (page: Page) => editorOf(page).innerText();

/** Waits until the page's editor text satisfies a predicate; resolves with the elapsed milliseconds. */
async function seen(page: Page, predicate: (text: string) => boolean, what: string, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  await eventually(async () => predicate(await textOf(page)), what, timeoutMs);
  return Date.now() - started;
}

/** A raw protocol client carrying the session cookie of a browser context (as a script on that machine could). */
async function rawFromTab(server: TestServer, tab: Tab, spaceId: string): Promise<RawClient> {
  const cookies = await tab.context.cookies(server.url);
  const client = new HttpClient(server.url);
  for (const cookie of cookies) client.cookies.set(cookie.name, cookie.value);
  const raw = RawClient.connect(server, client, padDocumentName(spaceId));
  await raw.opened;
  return raw;
}

/** Sends a Yjs insertion over a raw connection and waits until the server has handled it. */
async function rawInsert(raw: RawClient, text: string): Promise<void> {
  const doc = new Y.Doc();
  typeText(doc, text);
  raw.sendUpdate(Y.encodeStateAsUpdate(doc));
  const before = raw.received.length;
  raw.requestState();
  await eventually(() => raw.received.length > before, 'the server answered');
}

describeE2E('collaborative pad: live co-writing, carets, readers, mute, crash recovery', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'preau-e2e-pad-'));
  let server: TestServer;
  let browser: Browser;
  let teacherHttp: HttpClient;
  let padId: string;
  const tabs: Tab[] = [];
  let lea: Tab;
  let yanis: Tab;
  let parent: Tab;
  let teacher: Tab;

  const open = async (login: string): Promise<Tab> => {
    // A restarted server drops the live connections: the browser logs the refused WebSocket while it is down.
    const tab = await openTab(browser, [expectedFailure(401, '/api/me'), /WebSocket connection to .* failed/, /ERR_CONNECTION_REFUSED/]);
    tabs.push(tab);
    await signInToDashboard(tab.page, server.url, server.dataDir, login);
    await openPad(tab.page, server.url, padId);
    return tab;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer({ dataDir });
    browser = await launchBrowser();
    teacherHttp = await signedIn(server, 'claire.fontaine');
    const me = await teacherHttp.get<{ user: { id: string } }>('/api/me');
    const classes = await teacherHttp.get<{ classes: Array<{ id: string }> }>('/api/dashboard');
    expect(me.status).toBe(200);
    padId = (await createPad(teacherHttp, classes.body.classes[0]!.id)).id;
  });
  afterAll(async () => {
    for (const tab of tabs) await tab.context.close();
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('two pupils co-write live with named carets; a parent reads but cannot write, even with the raw protocol', async () => {
    lea = await open('lea.martin');
    yanis = await open('yanis.belkacem');
    parent = await open('sophie.renaud');

    // Both type at the same time, in the same paragraph.
    await editorOf(lea.page).click();
    await editorOf(yanis.page).click();
    await Promise.all([lea.page.keyboard.type('Le volcan se réveille. ', { delay: 15 }), yanis.page.keyboard.type('La lave coule. ', { delay: 15 })]);
    await seen(yanis.page, (text) => text.includes('Le volcan se réveille.'), 'Yanis sees Léa', LIVE_MS);
    await seen(lea.page, (text) => text.includes('La lave coule.'), 'Léa sees Yanis', LIVE_MS);

    // Each sees the other's caret, with the other's real name.
    await lea.page.keyboard.type('!');
    await yanis.page.locator('.collaboration-carets__label', { hasText: 'Léa Martin' }).waitFor({ timeout: LIVE_MS });
    await yanis.page.keyboard.type('?');
    await lea.page.locator('.collaboration-carets__label', { hasText: 'Yanis Belkacem' }).waitFor({ timeout: LIVE_MS });

    // The parent sees the text, is told they read only, and cannot type.
    await seen(parent.page, (text) => text.includes('Le volcan se réveille.') && text.includes('La lave coule.'), 'the parent sees both');
    await parent.page.getByTestId('pad-readonly').getByText(padFr.readOnly.reader).waitFor();
    expect(await editorOf(parent.page).getAttribute('contenteditable')).toBe('false');
    const before = await serverText(server, teacherHttp, padId);
    await editorOf(parent.page).click();
    await parent.page.keyboard.type('Écrit par un parent');
    expect(await textOf(parent.page)).not.toContain('Écrit par un parent');

    // A raw y-websocket client with the parent's session inserts text: the server's document is unchanged.
    const raw = await rawFromTab(server, parent, padId);
    await rawInsert(raw, 'Intrusion du parent');
    raw.close();
    expect(await serverText(server, teacherHttp, padId)).toBe(before);
    expect(await textOf(lea.page)).not.toContain('Intrusion');

    // "Afficher les auteurs": each passage coloured by its author, from the server.
    await lea.page.getByRole('switch', { name: padFr.authors.toggle }).check({ force: true });
    await lea.page.getByTestId('pad-authors-legend').getByText('Yanis Belkacem').waitFor();
    const authorIds = await lea.page.locator('.pad-author[data-author]').evaluateAll((spans) => [...new Set(spans.map((span) => span.getAttribute('data-author')))]);
    expect(authorIds).toEqual(expect.arrayContaining(['demo-user-lea.martin', 'demo-user-yanis.belkacem']));

    for (const tab of [lea, yanis, parent]) tab.errors.assertNone();
  });

  it('the teacher mutes pupil B from the pad: B’s editor turns read-only without a reload and B’s raw updates are not applied', async () => {
    teacher = await open('claire.fontaine');
    await yanis.page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
    const raw = await rawFromTab(server, yanis, padId);

    await teacher.page.getByRole('button', { name: padFr.moderation.open }).click();
    await teacher.page.getByRole('textbox', { name: padFr.moderation.pupil }).or(teacher.page.getByRole('combobox', { name: padFr.moderation.pupil })).first().click();
    await teacher.page.getByRole('option', { name: 'Yanis Belkacem' }).click();
    await teacher.page.getByRole('button', { name: padFr.moderation.mute }).click();

    await yanis.page.getByTestId('pad-readonly').getByText(padFr.readOnly.muted_pupil).waitFor({ timeout: LIVE_MS });
    await eventually(async () => (await editorOf(yanis.page).getAttribute('contenteditable')) === 'false', 'B’s editor is read-only', LIVE_MS);
    expect(await yanis.page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);

    const before = await serverText(server, teacherHttp, padId);
    await rawInsert(raw, 'Pendant la sourdine');
    raw.close();
    expect(await serverText(server, teacherHttp, padId)).toBe(before);
    await editorOf(yanis.page).click();
    await yanis.page.keyboard.type('encore');
    expect(await textOf(yanis.page)).not.toContain('encore');

    // Lifting the mute gives B the editor back, live.
    await teacher.page.getByRole('button', { name: padFr.moderation.unmute.replace('{{name}}', 'Yanis Belkacem') }).click();
    await eventually(async () => (await editorOf(yanis.page).getAttribute('contenteditable')) === 'true', 'B writes again', LIVE_MS);
    for (const tab of [yanis, teacher]) tab.errors.assertNone();
  });

  it('a pupil who types a phone number is warned as they leave the paragraph, then told a teacher will read it again', async () => {
    await editorOf(lea.page).click();
    await lea.page.keyboard.press('Control+End');
    await lea.page.keyboard.press('Enter');
    await lea.page.keyboard.type('Appelle-moi au 06 12 34 56 78', { delay: 5 });
    await lea.page.keyboard.press('Enter');
    // The editor warns at once (before), then the server's report replaces it (after).
    await lea.page.locator('[data-testid="pad-personal-info"][data-reported="false"]').waitFor({ timeout: LIVE_MS });
    await lea.page.locator('[data-testid="pad-personal-info"][data-reported="true"]').waitFor({ timeout: 10_000 });
    const told = await lea.page.getByTestId('pad-personal-info').innerText();
    expect(told).toContain(padFr.personalInfo.kinds.phone);
    expect(told).toContain('un enseignant va le relire');
    // Only the writer is told.
    expect(await yanis.page.getByTestId('pad-personal-info').count()).toBe(0);
    await lea.page.getByRole('button', { name: padFr.personalInfo.close }).click();
    await lea.page.getByTestId('pad-personal-info').waitFor({ state: 'detached' });
    for (const tab of [lea, yanis]) tab.errors.assertNone();
  });

  it('after kill -9 during typing and a restart, the editors reconnect and the text holds everything, once', async () => {
    const port = server.port;
    const typed: string[] = [];
    let typing = true;
    // Each first opens a paragraph of their own (A after the text, B before it), one after the other, so that the
    // crash test below is about persistence and recovery: two people starting to type at the very same spot race in
    // the editor itself.
    const ownParagraph = async (tab: Tab, at: 'end' | 'start', marker: string) => {
      await editorOf(tab.page).click();
      await tab.page.keyboard.press(at === 'end' ? 'Control+End' : 'Control+Home');
      await tab.page.keyboard.press('Enter');
      if (at === 'start') await tab.page.keyboard.press('ArrowUp');
      await tab.page.keyboard.type(marker, { delay: 5 });
      for (const other of [lea, yanis]) await eventually(async () => (await textOf(other.page)).includes(marker), `${marker} is seen by everyone`, LIVE_MS);
    };
    await ownParagraph(lea, 'end', 'Léa :');
    await ownParagraph(yanis, 'start', 'Yanis :');
    const typist = async (tab: Tab, prefix: string) => {
      for (let i = 0; typing; i++) {
        const token = `[${prefix}${i}]`;
        await tab.page.keyboard.type(token, { delay: 5 });
        typed.push(token);
      }
    };
    const running = Promise.all([typist(lea, 'a'), typist(yanis, 'b')]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await server.kill();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // they keep typing, offline
    server = await startServer({ dataDir, env: { PORT: String(port) } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    typing = false;
    await running;

    for (const tab of [lea, yanis]) await tab.page.locator('[data-testid="pad-status"][data-status="connected"]').waitFor({ timeout: 20_000 });
    const teacherAgain = await signedIn(server, 'claire.fontaine');
    // The tokens in order (the editors' text also holds the carets' name labels).
    const tokens = (text: string) => (text.match(/\[[ab]\d+\]/g) ?? []).join('');
    let final = '';
    let seen = { a: '', b: '' };
    await eventually(
      async () => {
        final = await serverText(server, teacherAgain, padId);
        seen = { a: tokens(await textOf(lea.page)), b: tokens(await textOf(yanis.page)) };
        return typed.every((token) => final.includes(token)) && seen.a === tokens(final) && seen.b === tokens(final);
      },
      'everything typed is in the pad and both editors agree',
      20_000,
    ).catch((error: unknown) => {
      // Say what differs, so a failure can be understood from the CI log alone.
      const missing = typed.filter((token) => !final.includes(token));
      throw new Error(`${String(error)}\nmissing on the server: ${missing.join(' ') || 'none'}\nserver: ${tokens(final)}\nA:      ${seen.a}\nB:      ${seen.b}\nserver text: ${final.slice(-2_000)}`);
    });
    expect(typed.length).toBeGreaterThan(10);
    for (const token of typed) expect(final.split(token).length - 1, token).toBe(1);
  });
});
