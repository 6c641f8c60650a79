/**
 * The notification centre in Chromium (issue 15): a pupil adds a card on a class wall; the teacher's bell, on
 * another page, counts it live without a reload; the centre says « Nouvelle carte de Léa Martin sur … », and the
 * entry opens the wall with that card highlighted, the notification read. On a phone the bell opens the centre's
 * page. The server's calendar clock is pinned to a school day (CLOCK_FILE): the staff's default quiet hours
 * (19:00–07:30 and weekends) would otherwise hold the notification when the test runs at night.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { FORUM_POSTS_PAGE_SIZE } from '../../shared/forum/limits';
import bellFr from '../../client/src/features/notifications/bell/i18n/fr.json';
import notificationsFr from '../../client/src/features/notifications/i18n/fr.json';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { describeE2E } from '../helpers/browser';
import { openSocket, signedIn } from '../helpers/sockets';
import { createTopic, FORUM_TEST_SERVER, newForum, reply } from '../integration/forum/support';
import { ask } from '../integration/wall/support';
import { openTab, signInToDashboard, useBrowserWorld } from './support/identity';
import { LIVE_MS } from './support/live';

/** A Tuesday, 10:00 in Paris: nobody's quiet hours. */
const SCHOOL_HOUR = Date.parse('2026-12-08T09:00:00Z');
const PHONE = { width: 375, height: 740 };

const bell = (page: Page) => page.getByTestId('notification-bell');
const unreadOf = async (page: Page) => Number(await bell(page).getAttribute('data-unread'));

describeE2E('notification centre: the bell counts live, the centre opens the item at its place', () => {
  const clockFile = join(mkdtempSync(join(tmpdir(), 'preau-clock-')), 'now');
  writeFileSync(clockFile, String(SCHOOL_HOUR));
  const world = useBrowserWorld({ env: { ...FORUM_TEST_SERVER.env, CLOCK_FILE: clockFile } });

  it('shows a pupil’s new card on the teacher’s bell live, and opens the wall with the card highlighted', async () => {
    // The teacher creates a wall for her class, then goes back to her home page: the bell is in every header.
    const teacher = await world.signedInTab('claire.fontaine');
    const url = world.server().url;
    await teacher.page.goto(`${url}/murs`);
    await teacher.page.getByLabel(wallFr.list.wallTitle).fill('Notre sortie au jardin');
    await teacher.page.getByTestId('wall-create').click();
    await teacher.page.waitForURL((address) => /^\/murs\/[a-f0-9]{32}$/.test(address.pathname));
    const spaceId = new URL(teacher.page.url()).pathname.split('/')[2]!;
    await teacher.page.goto(`${url}/accueil`);
    // The bell's first count arrives once the live connection is open.
    await teacher.page.locator('[data-testid="notification-bell"][data-loaded="true"]').waitFor();
    const before = await unreadOf(teacher.page);

    // Léa adds a card on the wall.
    const pupil = await world.signedInTab('lea.martin');
    await pupil.page.goto(`${url}/murs/${spaceId}`);
    await pupil.page.getByTestId('wall-add-card').click();
    const editor = pupil.page.getByRole('dialog');
    await editor.getByLabel(wallFr.editor.title).fill('Les fraises du jardin');
    await editor.getByTestId('wall-editor-save').click();
    const card = pupil.page.getByTestId('wall-card').filter({ has: pupil.page.getByRole('heading', { name: 'Les fraises du jardin' }) });
    await card.waitFor();
    const cardId = (await card.getAttribute('data-card-id'))!;

    // The teacher's bell goes up without a reload, and says so to screen readers.
    // A mark on the page's window: a reload would lose it.
    await teacher.page.evaluate(() => Object.assign(window, { notReloaded: true }));
    await expect.poll(() => unreadOf(teacher.page), { timeout: LIVE_MS * 2 }).toBe(before + 1);
    const label = before + 1 === 1 ? bellFr.labelUnread_one : bellFr.labelUnread_other;
    expect(await bell(teacher.page).getAttribute('aria-label')).toBe(label.replace('{{count}}', String(before + 1)));
    expect(await teacher.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // The centre (a panel under the bell on a desktop) tells it in words, unread.
    await bell(teacher.page).click();
    const panel = teacher.page.getByTestId('notification-panel');
    await panel.waitFor();
    const entry = panel.getByTestId('notification-entry').filter({ hasText: /nouvelle carte/i }).first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Nouvelle carte de Léa Martin sur Notre sortie au jardin');
    expect(await entry.getAttribute('data-read')).toBe('false');
    await panel.getByRole('heading', { name: 'Aujourd’hui' }).or(panel.getByRole('heading', { name: /décembre/ })).first().waitFor();

    // The entry opens the wall with the card highlighted; the notification is read.
    await entry.getByRole('link').click();
    await teacher.page.waitForURL((address) => address.pathname === `/murs/${spaceId}` && address.searchParams.get('carte') === cardId);
    const highlighted = teacher.page.locator(`[data-testid="wall-card"][data-card-id="${cardId}"]`);
    await highlighted.waitFor();
    expect(await highlighted.getAttribute('data-highlighted')).toBe('true');
    await expect.poll(() => highlighted.evaluate((element) => element === document.activeElement)).toBe(true);
    await expect.poll(() => unreadOf(teacher.page), { timeout: LIVE_MS }).toBe(before);
    teacher.errors.assertNone('teacher');
    pupil.errors.assertNone('pupil');
  });

  it('opens the centre as a page on a phone, the entry read', async () => {
    const phone = await openTab(world.browser(), [], PHONE);
    await signInToDashboard(phone.page, world.server().url, world.server().dataDir, 'claire.fontaine');
    await bell(phone.page).click();
    await phone.page.waitForURL((address) => address.pathname === '/notifications');
    const entry = phone.page.getByTestId('notification-entry').filter({ hasText: 'Nouvelle carte de Léa Martin' });
    await entry.waitFor();
    expect(await entry.getAttribute('data-read')).toBe('true');
    // Nothing wider than the phone's screen.
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    phone.errors.assertNone('phone');
    await phone.context.close();
  });

  it('opens a forum reply in its topic, scrolled to the post, highlighted', async () => {
    const server = world.server();
    const teacherHttp = await signedIn(server, 'claire.fontaine');
    const pupilHttp = await signedIn(server, 'lea.martin');
    const classId = (await teacherHttp.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const forumId = await newForum(teacherHttp, classId);
    const teacherSocket = await openSocket(server, teacherHttp);
    const pupilSocket = await openSocket(server, pupilHttp);
    try {
      // A long first post: Léa's reply is far below the fold.
      const long = Array.from({ length: 60 }, (_, line) => `Ligne ${line + 1} de la consigne.`).join('\n');
      const { topic } = await createTopic(teacherSocket, forumId, 'Nos lectures', long);
      const answer = await reply(pupilSocket, forumId, topic.id, 'J’ai lu le livre en entier !');

      const teacher = await world.tab();
      await signInToDashboard(teacher.page, server.url, server.dataDir, 'claire.fontaine');
      await teacher.page.goto(`${server.url}/notifications`);
      const entry = teacher.page.getByTestId('notification-entry').filter({ hasText: 'Léa Martin a répondu à votre message' });
      await entry.waitFor({ timeout: LIVE_MS * 2 });
      await entry.getByRole('link').click();
      await teacher.page.waitForURL((address) => address.pathname === `/forums/${forumId}/sujets/${topic.id}` && address.searchParams.get('message') === answer.id);
      const post = teacher.page.locator(`#message-${answer.seq}`);
      await post.waitFor();
      await expect.poll(() => post.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      })).toBe(true);
      expect(await post.getAttribute('data-highlighted')).toBe('true');
      await expect.poll(() => post.evaluate((element) => element === document.activeElement)).toBe(true);

      // A post on neither the first nor the last page: the server says which page holds it (page 2 of 3).
      const more: { id: string; seq: number }[] = [];
      for (let count = 0; count < 2 * FORUM_POSTS_PAGE_SIZE; count += 1) more.push(await reply(pupilSocket, forumId, topic.id, `Réponse ${count + 1}`));
      const middle = more.find((entry) => entry.seq === FORUM_POSTS_PAGE_SIZE + 5)!;
      await teacher.page.goto(`${server.url}/forums/${forumId}/sujets/${topic.id}?message=${middle.id}`);
      await teacher.page.waitForURL((address) => address.searchParams.get('page') === '2' && address.searchParams.get('message') === middle.id);
      const middlePost = teacher.page.locator(`#message-${middle.seq}`);
      await middlePost.waitFor();
      expect(await middlePost.getAttribute('data-highlighted')).toBe('true');
      await expect.poll(() => middlePost.evaluate((element) => element === document.activeElement)).toBe(true);
      teacher.errors.assertNone('teacher');
    } finally {
      teacherSocket.close();
      pupilSocket.close();
    }
  });

  it('saves a pupil’s own quiet hours from the preferences page on a phone, in « tu »', async () => {
    const phone = await openTab(world.browser(), [], PHONE);
    try {
      await signInToDashboard(phone.page, world.server().url, world.server().dataDir, 'chloe.nguyen');
      await phone.page.goto(`${world.server().url}/notifications/preferences`);
      await phone.page.getByText(notificationsFr.prefs.intro_pupil).waitFor();
      await phone.page.getByTestId('prefs-kind-newCard').selectOption('digest');
      await phone.page.getByLabel(notificationsFr.prefs.quiet.own).check();
      await phone.page.getByLabel(notificationsFr.prefs.quiet.start).fill('20:30');
      await phone.page.getByLabel(notificationsFr.prefs.quiet.end).fill('07:00');
      // A pupil has no e-mail summaries.
      expect(await phone.page.getByText(notificationsFr.prefs.email.title).count()).toBe(0);
      await phone.page.getByTestId('prefs-save').click();
      await phone.page.getByText(notificationsFr.prefs.saved).waitFor();
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

      // Kept by the server: a reload shows them.
      await phone.page.reload();
      await phone.page.getByLabel(notificationsFr.prefs.quiet.start).waitFor();
      expect(await phone.page.getByLabel(notificationsFr.prefs.quiet.start).inputValue()).toBe('20:30');
      expect(await phone.page.getByTestId('prefs-kind-newCard').inputValue()).toBe('digest');
      phone.errors.assertNone('phone');
    } finally {
      await phone.context.close();
    }
  });

  it('tells a pupil commenting on the teacher’s card that she is in quiet hours, until when', async () => {
    const server = world.server();
    const teacherHttp = await signedIn(server, 'claire.fontaine');
    const classId = (await teacherHttp.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const wallId = (await teacherHttp.post<{ id: string }>('/api/spaces', { kind: 'wall', title: 'Le coin lecture', scope: { kind: 'class', classId } })).body.id;
    const teacherSocket = await openSocket(server, teacherHttp);
    try {
      const created = await ask<{ card: { id: string } }>(teacherSocket, 'wall:card:create', { spaceId: wallId, title: 'Votre livre préféré ?', body: null, link: null, attachmentId: null, color: 'jaune' });
      if (!created.ok) throw new Error(`card: ${created.code}`);
      // Tuesday 20:00 in Paris: the staff's quiet hours (19:00–07:30) have begun.
      writeFileSync(clockFile, String(Date.parse('2026-12-08T19:00:00Z')));
      const pupil = await world.tab();
      await signInToDashboard(pupil.page, server.url, server.dataDir, 'lea.martin');
      await pupil.page.goto(`${server.url}/murs/${wallId}?carte=${created.data.card.id}`);
      const card = pupil.page.locator(`[data-testid="wall-card"][data-card-id="${created.data.card.id}"]`);
      await card.getByTestId('wall-comments-toggle').click();
      const notice = card.getByTestId('availability-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/^Claire Fontaine ne reçoit pas de notification en ce moment \(jusqu’à .*7 h 30\) : ton message l’attendra\.$/);
      pupil.errors.assertNone('pupil');
    } finally {
      writeFileSync(clockFile, String(SCHOOL_HOUR));
      teacherSocket.close();
    }
  });
  it('keeps the page when the bell’s code cannot be fetched (offline, or a new release replaced it): a plain link stands in', async () => {
    const refused = [/NotificationBell/, /dynamically imported module/, /Failed to load resource/, /ERR_FAILED/];
    const tab = await world.signedInTab('claire.fontaine', refused);
    await tab.page.route(/\/assets\/NotificationBell-[^/]*\.js$/, (route) => route.abort());
    await tab.page.reload();
    const fallback = tab.page.getByRole('banner').getByRole('link', { name: 'Notifications', exact: true });
    await fallback.waitFor();
    // The page goes on around it: the menu and the page's own content are there.
    await tab.page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
    expect(await tab.page.getByRole('main').getByRole('heading').count()).toBeGreaterThan(0);
    await fallback.click();
    await tab.page.waitForURL((address) => address.pathname === '/notifications');
    await tab.context.close();
  });
});
