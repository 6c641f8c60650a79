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
import bellFr from '../../client/src/features/notifications/bell/i18n/fr.json';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { describeE2E } from '../helpers/browser';
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
  const world = useBrowserWorld({ env: { CLOCK_FILE: clockFile } });

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
});
