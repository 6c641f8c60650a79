/**
 * The family page in Chromium, on a phone: Léa adds a card and replies in a forum topic from her own browser; her
 * mother signs in on her phone (375×740), lands on /famille and sees both in « Cette semaine » with Léa's name, each
 * linking to the item at its place; while the page is open, the bell counts what Léa adds next without a reload.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import familyFr from '../../client/src/features/family/i18n/fr.json';
import fr from '../../client/src/i18n/fr.json';
import forumFr from '../../client/src/features/forum/i18n/fr.json';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { plainToRichText } from '../../shared/richtext/validate';
import type { SpaceSummary } from '../../shared/spaces/types';
import { describeE2E } from '../helpers/browser';
import { openSocket, signedIn } from '../helpers/sockets';
import { acceptCharter, openTab, pathname, signIn, useBrowserWorld, type Tab } from './support/identity';
import { LIVE_MS } from './support/live';

const PHONE = { width: 375, height: 740 };
const unreadOf = async (page: Page) => Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_all, key: string) => values[key] ?? '');

describeE2E('the family page on a phone: what Léa did this week', () => {
  const world = useBrowserWorld({ env: { RATE_LIMITS: JSON.stringify({ forumWrite: { points: 100_000, durationSeconds: 60 } }) } });
  let wallId: string;
  /** Another wall, where Léa's next card starts a notification of its own (unread ones of one wall are coalesced). */
  let drawingsId: string;
  let forumId: string;
  let topicId: string;
  /** Tabs opened with their own viewport (the phone), closed after the block. */
  const phones: Tab[] = [];

  beforeAll(async () => {
    const server = world.server();
    const teacher = await signedIn(server, 'claire.fontaine');
    const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    wallId = (await teacher.post<SpaceSummary>('/api/spaces', { kind: 'wall', title: 'Nos animaux', scope: { kind: 'class', classId } })).body.id;
    drawingsId = (await teacher.post<SpaceSummary>('/api/spaces', { kind: 'wall', title: 'Nos dessins', scope: { kind: 'class', classId } })).body.id;
    forumId = (await teacher.post<SpaceSummary>('/api/spaces', { kind: 'forum', title: 'Forum des CE2', scope: { kind: 'class', classId } })).body.id;
    const socket = await openSocket(server, teacher);
    const opened = (await socket.timeout(10_000).emitWithAck('forum:createTopic', { forumId, key: crypto.randomUUID(), title: 'Nos lectures', body: plainToRichText('Quel livre avez-vous aimé ?') })) as {
      ok: boolean;
      data: { topic: { id: string } };
    };
    socket.close();
    if (!opened.ok) throw new Error('the topic was not created');
    topicId = opened.data.topic.id;
  });
  afterAll(async () => {
    for (const phone of phones) await phone.context.close();
  });

  it('Léa adds a card and replies in the forum; her mother lands on /famille on her phone and sees both this week, with Léa’s name', async () => {
    const server = world.server();

    // Léa, in her browser: a card on the class wall, a reply in the forum.
    const lea = await world.signedInTab('lea.martin');
    await lea.page.goto(`${server.url}/murs/${wallId}`);
    await lea.page.getByTestId('wall-board').waitFor();
    await lea.page.getByTestId('wall-add-card').click();
    const editor = lea.page.getByRole('dialog');
    await editor.getByLabel(wallFr.editor.title).fill('Mon chat Pompon');
    await editor.getByRole('textbox', { name: wallFr.editor.body }).fill('Il dort toute la journée.');
    await editor.getByTestId('wall-editor-save').click();
    const card = lea.page.getByTestId('wall-card').filter({ has: lea.page.getByRole('heading', { name: 'Mon chat Pompon' }) });
    await card.waitFor({ timeout: LIVE_MS });
    const cardId = (await card.getAttribute('data-card-id'))!;

    await lea.page.goto(`${server.url}/forums/${forumId}/sujets/${topicId}`);
    await lea.page.getByRole('textbox', { name: forumFr.editor.replyTitle_pupil, exact: true }).fill("J'ai aimé Le Petit Prince.");
    await lea.page.getByRole('button', { name: forumFr.editor.reply }).click();
    await lea.page.getByText("J'ai aimé Le Petit Prince.").first().waitFor({ timeout: LIVE_MS });

    // Her mother, on her phone: sign-in, the charter the first time, then her home is the family page.
    const mother = await openTab(world.browser(), [], PHONE);
    phones.push(mother);
    const page: Page = mother.page;
    const { me } = await signIn(page, server.url, server.dataDir, 'sophie.renaud');
    expect(me).not.toBeNull();
    await page.waitForURL((url) => url.pathname === '/charte' || url.pathname === '/famille');
    if (pathname(page) === '/charte') await acceptCharter(page);
    expect(pathname(page)).toBe('/famille');
    await page.getByRole('heading', { level: 1, name: familyFr.family.title }).waitFor();
    await page.getByRole('tab', { name: /Léa Martin/ }).waitFor();

    const thisWeek = page.getByTestId('week').first();
    await thisWeek.getByRole('heading', { level: 2, name: familyFr.week.thisWeek }).waitFor();
    const cardEntry = thisWeek.getByTestId('feed-entry').filter({ hasText: fill(familyFr.entry.wallCardTitled, { name: 'Léa Martin', title: 'Mon chat Pompon' }) });
    const replyEntry = thisWeek.getByTestId('feed-entry').filter({ hasText: fill(familyFr.entry.forumPost, { name: 'Léa Martin', title: 'Nos lectures' }) });
    await cardEntry.waitFor();
    await replyEntry.waitFor();
    // Léa's name on each, as its author; the excerpts of what she wrote.
    expect(await cardEntry.getAttribute('data-by-child')).toBe('true');
    expect(await cardEntry.getByText('Léa Martin', { exact: true }).count()).toBe(1);
    expect(await replyEntry.getByText('Léa Martin', { exact: true }).count()).toBe(1);
    await cardEntry.getByText('Il dort toute la journée.').waitFor();
    await replyEntry.getByText("J'ai aimé Le Petit Prince.").waitFor();
    // Newest first: the reply came after the card.
    const texts = await thisWeek.getByTestId('feed-entry').allTextContents();
    expect(texts.findIndex((text) => text.includes('Nos lectures'))).toBeLessThan(texts.findIndex((text) => text.includes('Mon chat Pompon')));

    // It fits a 375 px phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // While the page is open, the bell shows what Léa adds next, without a reload.
    await page.locator('[data-testid="notification-bell"][data-loaded="true"]').waitFor({ timeout: LIVE_MS * 2 });
    const before = await unreadOf(page);
    const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    await lea.page.goto(`${server.url}/murs/${drawingsId}`);
    await lea.page.getByTestId('wall-add-card').click();
    await lea.page.getByRole('dialog').getByLabel(wallFr.editor.title).fill('Mon lapin Caramel');
    await lea.page.getByRole('dialog').getByTestId('wall-editor-save').click();
    await lea.page.getByTestId('wall-card').filter({ has: lea.page.getByRole('heading', { name: 'Mon lapin Caramel' }) }).waitFor({ timeout: LIVE_MS });
    await expect.poll(() => unreadOf(page), { timeout: LIVE_MS * 2 }).toBe(before + 1);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);
    expect(pathname(page)).toBe('/famille');

    // Each entry opens its item at its place: the card on its wall.
    await cardEntry.getByRole('link').first().click();
    await page.waitForURL((url) => url.pathname === `/murs/${wallId}` && url.searchParams.get('carte') === cardId);
    await page.getByTestId('wall-card').filter({ has: page.getByRole('heading', { name: 'Mon chat Pompon' }) }).waitFor();

    for (const tab of [lea, mother]) tab.errors.assertNone('on the family page');
  });

  it('gives the teacher « Cette semaine en CE2 » from her class, with each pupil’s count linking to their activity', async () => {
    const teacher = await world.signedInTab('claire.fontaine');
    await teacher.page.getByRole('link', { name: fill(fr.dashboard.openRoster, { name: 'CE2' }) }).click();
    await teacher.page.getByRole('link', { name: fill(fr.roster.week, { name: 'CE2' }) }).click();
    await teacher.page.waitForURL((url) => /^\/classes\/[^/]+\/semaine$/.test(url.pathname));
    await teacher.page.getByRole('heading', { level: 1, name: fill(familyFr.classWeek.title, { name: 'CE2' }) }).waitFor();
    // Léa's two cards and her reply, this week.
    const lea = teacher.page.getByTestId('pupil-count').filter({ hasText: 'Léa Martin' });
    await lea.waitFor();
    expect(await lea.textContent()).toBe(`Léa Martin · ${fill(familyFr.classWeek.pupilCount_other, { count: '3' })}`);
    await teacher.page.getByTestId('feed-entry').filter({ hasText: 'Mon lapin Caramel' }).waitFor();
    await lea.getByRole('link').click();
    await teacher.page.waitForURL((url) => /^\/eleves\/[^/]+\/activite$/.test(url.pathname));
    teacher.errors.assertNone('on the class week');
  });

  it('keeps « Mon accueil » one step away for a parent', async () => {
    const tab = await world.signedInTab('nicolas.martin');
    expect(pathname(tab.page)).toBe('/accueil');
    await tab.page.getByRole('link', { name: 'Voir la semaine de Léa Martin' }).click();
    await tab.page.waitForURL((url) => url.pathname === '/famille');
    await tab.page.getByTestId('week').first().waitFor();
  });
});
