/**
 * The class chat in Chromium, with one browser context per person, exactly the acceptance of the issue:
 * three pupils and a teacher are in a class chat and messages reach everyone in the same order; the teacher
 * mutes pupil C for 5 minutes, C's box is disabled with a banner at once and a send gets MUTED; the teacher deletes a message and within
 * 1 s it shows as deleted for everyone. A pupil sends a phone number anyway: the class does not see it, the teacher
 * finds it flagged in « À relire » and publishes it. Then offline-safe sending as a pupil lives it: messages typed
 * without a network wait in the outbox and go out in order, once each.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import chatFr from '../../client/src/features/chat/i18n/fr.json';
import moderationFr from '../../client/src/features/moderation/i18n/fr.json';
import { describeE2E, launchBrowser } from '../helpers/browser';
import type { AuditEntry } from '../../shared/audit/events';
import type { Browser as HttpClient } from '../helpers/http';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { signedIn } from '../helpers/sockets';
import { openTab, signInToDashboard, type Tab } from './support/identity';
import { LIVE_MS } from './support/live';
import { rawEmit } from './support/raw-socket';
import { eitherVoice } from './support/voice';

/** The texts of the messages shown, top to bottom. */
const shownBodies = (page: Page): Promise<string[]> => page.getByTestId('chat-body').allTextContents();
const messageWith = (page: Page, text: string) => page.getByTestId('chat-message').filter({ hasText: text });

async function say(page: Page, text: string): Promise<void> {
  const field = page.getByRole('textbox', { name: eitherVoice(chatFr.composer.label, chatFr.composer.label_pupil) });
  await field.fill(text);
  await field.press('Enter');
}

describeE2E('class chat: order, mute, moderator deletion', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  let teacher: Page;
  let pupils: Page[];
  let roomPath: string;
  let director: HttpClient;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer();
    browser = await launchBrowser();
    director = await signedIn(server, 'isabelle.moreau');
    const open = async (login: string) => {
      const opened = await openTab(browser);
      tabs.push(opened);
      await signInToDashboard(opened.page, server.url, server.dataDir, login);
      return opened.page;
    };
    // The teacher opens the class's room from the chat page.
    teacher = await open('claire.fontaine');
    await teacher.goto(`${server.url}/discussions`);
    await teacher.getByRole('button', { name: chatFr.rooms.openClassRoom.replace('{{name}}', 'CE2') }).click();
    await teacher.waitForURL((url) => /^\/discussions\/[a-f0-9]{32}$/.test(url.pathname));
    roomPath = new URL(teacher.url()).pathname;
    // Three pupils of the class join it: A and B from the list of rooms, C by its address.
    pupils = [await open('lea.martin'), await open('yanis.belkacem'), await open('chloe.nguyen')];
    for (const page of pupils.slice(0, 2)) {
      await page.goto(`${server.url}/discussions`);
      await page.getByTestId('chat-room-card').getByRole('link').first().click();
      await page.waitForURL((url) => url.pathname === roomPath);
    }
    await pupils[2]!.goto(`${server.url}${roomPath}`);
    for (const page of [teacher, ...pupils]) await page.getByRole('textbox', { name: eitherVoice(chatFr.composer.label, chatFr.composer.label_pupil) }).waitFor();
    await teacher.getByText('4 personnes connectées').waitFor();
  });

  afterAll(async () => {
    for (const opened of tabs) await opened.context.close();
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('three pupils and a teacher: messages reach everyone in the same order', async () => {
    const everyone = [teacher, ...pupils];
    // Everyone writes at once, twice: the server's order (seq) must be everyone's order.
    await Promise.all(everyone.map(async (page, i) => {
      await say(page, `Bonjour de la personne ${i} (1)`);
      await say(page, `Bonjour de la personne ${i} (2)`);
    }));
    for (const page of everyone) await expect.poll(() => shownBodies(page), { timeout: LIVE_MS }).toHaveLength(8);
    const orders = await Promise.all(everyone.map(shownBodies));
    for (const order of orders) expect(order).toEqual(orders[0]);
    for (const page of everyone) for (const { errors } of tabs.filter((t) => t.page === page)) errors.assertNone('while chatting');
  });

  it('the teacher mutes pupil C for 5 minutes: C’s box is disabled with a banner at once, and a send gets MUTED', async () => {
    const pupilC = pupils[2]!;
    const muteAcks: string[] = [];
    pupilC.on('websocket', (socket) => socket.on('framereceived', (frame) => typeof frame.payload === 'string' && frame.payload.includes('"MUTED"') && muteAcks.push(frame.payload)));
    // C's page opened its connection before this listener existed: reload so its frames are observed.
    await pupilC.reload();
    await pupilC.getByRole('textbox', { name: eitherVoice(chatFr.composer.label, chatFr.composer.label_pupil) }).waitFor();

    const ofC = messageWith(teacher, 'Bonjour de la personne 3 (2)');
    await ofC.getByRole('button', { name: chatFr.message.actions.replace('{{name}}', 'Chloé Nguyen') }).click();
    await teacher.getByRole('menuitem', { name: chatFr.message.mute.replace('{{name}}', 'Chloé Nguyen') }).click();
    const dialog = teacher.getByRole('dialog');
    await dialog.getByRole('radio', { name: chatFr.mute.minutes_other.replace('{{count}}', '5'), exact: true }).check();
    await dialog.getByRole('button', { name: chatFr.mute.submit }).click();
    await pupilC.getByTestId('chat-muted-notice').waitFor();
    // The one mute event, whichever screen muted.
    const mutes = await director.get<{ items: AuditEntry[] }>('/api/audit?event=moderation.mute');
    expect(mutes.body.items[0]?.reason).toMatch(/^autre until /);

    // C's box is disabled at once, without a reload; whatever is sent anyway (a raw emit) gets MUTED from the server.
    const field = pupilC.getByRole('textbox', { name: eitherVoice(chatFr.composer.label, chatFr.composer.label_pupil) });
    await expect.poll(() => field.isDisabled(), { timeout: LIVE_MS }).toBe(true);
    const answer = await rawEmit(pupilC, 'chat:send', { roomId: roomPath.split('/')[2], key: crypto.randomUUID(), body: 'Je peux encore parler ?' });
    expect(answer).toMatchObject({ ok: false, code: 'MUTED' });
    expect(muteAcks.some((payload) => payload.includes('"code":"MUTED"'))).toBe(true);
    // Nothing reached the others.
    expect(await messageWith(pupils[0]!, 'Je peux encore parler ?').count()).toBe(0);
  });

  it('the teacher deletes a message: within 1 s it shows as deleted for everyone', async () => {
    const target = 'Bonjour de la personne 1 (1)';
    // Where the message is on the pupils' screens (the same place for all: same order).
    const index = (await shownBodies(pupils[1]!)).indexOf(target);
    expect(index).toBeGreaterThanOrEqual(0);
    await messageWith(teacher, target).getByRole('button', { name: chatFr.message.actions.replace('{{name}}', 'Léa Martin') }).click();
    await teacher.getByRole('menuitem', { name: chatFr.message.remove }).click();
    // The teacher says why (Léa will be told), then the clock starts.
    const why = teacher.getByRole('dialog');
    await why.getByRole('radio', { name: moderationFr.reasons.insulte }).check();
    await why.getByRole('button', { name: moderationFr.reasonModal.confirm }).click();
    await Promise.all([
      ...pupils.map((page) =>
        page.getByTestId('chat-message').nth(index).getByTestId('chat-removed').filter({ hasText: chatFr.message.removedByModerator }).waitFor({ timeout: LIVE_MS }),
      ),
      messageWith(teacher, target).and(teacher.locator('[data-status="deleted"]')).waitFor({ timeout: LIVE_MS }),
    ]);
    for (const page of pupils) expect(await messageWith(page, target).count()).toBe(0);
  });

  it('a pupil sends a phone number anyway: the class does not see it; the teacher finds it flagged in « À relire » and publishes it', async () => {
    const [pupilA, pupilB] = [pupils[0]!, pupils[1]!];
    const text = 'Mon numéro : 06 12 34 56 78';
    await say(pupilA, text);
    // The composer warns first; the child sends anyway.
    await pupilA.getByRole('dialog', { name: chatFr.pii.title }).getByRole('button', { name: chatFr.pii.confirm }).click();
    // Told in words a child understands, and shown to them as waiting for a teacher.
    await pupilA.getByTestId('chat-held').filter({ hasText: chatFr.held.personalInfo_pupil }).waitFor({ timeout: LIVE_MS * 3 });
    await messageWith(pupilA, text).getByTestId('chat-pending').filter({ hasText: chatFr.message.pendingPersonalInfo }).waitFor();
    // The teacher has it at once, flagged, in the room and in the console's « À relire ».
    await messageWith(teacher, text).getByTestId('chat-personal-info').waitFor({ timeout: LIVE_MS * 3 });
    const teacherTab = tabs.find((opened) => opened.page === teacher)!;
    const consolePage = await teacherTab.context.newPage();
    await consolePage.goto(`${server.url}/moderation`);
    const toReview = consolePage.getByTestId('pending-list').getByTestId('pending-item').filter({ hasText: '06 12 34 56 78' });
    await toReview.getByTestId('personal-info-badge').waitFor({ timeout: LIVE_MS * 5 });
    await consolePage.close();
    // Nobody else in the class received it.
    expect(await messageWith(pupilB, text).count()).toBe(0);
    // The teacher publishes it from the room: the class gets it.
    await messageWith(teacher, text).getByRole('button', { name: chatFr.message.actions.replace('{{name}}', 'Léa Martin') }).click();
    await teacher.getByRole('menuitem', { name: chatFr.message.approve }).click();
    await messageWith(pupilB, text).waitFor({ timeout: LIVE_MS * 3 });
    await messageWith(pupilA, text).getByTestId('chat-pending').waitFor({ state: 'detached', timeout: LIVE_MS * 3 });
  });

  it('messages typed offline wait in the outbox (kept across a reload) and go out in order, once each', async () => {
    const pupilA = pupils[0]!;
    const tabA = tabs.find((opened) => opened.page === pupilA)!;
    // The network goes away (Chromium's emulation: frames stop flowing, answers never come).
    await tabA.context.setOffline(true);
    await say(pupilA, 'Hors ligne, premier');
    await say(pupilA, 'Hors ligne, second');
    await expect.poll(() => pupilA.getByTestId('chat-queued').count()).toBe(2);
    // The pupil closes the page and comes back once the network is back: the outbox was kept.
    tabA.errors.clear();
    await tabA.context.setOffline(false);
    await pupilA.goto(`${server.url}${roomPath}`);
    for (const page of [pupilA, teacher]) {
      await expect.poll(async () => (await shownBodies(page)).filter((body) => body.startsWith('Hors ligne')), { timeout: LIVE_MS }).toEqual(['Hors ligne, premier', 'Hors ligne, second']);
    }
    expect(await pupilA.getByTestId('chat-queued').count()).toBe(0);
    expect(await pupilA.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('preau.chat.outbox.')))).toEqual([]);
  });
});
