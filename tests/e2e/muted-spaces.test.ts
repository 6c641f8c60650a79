/**
 * Issue 18 (Deliver 5), in Chromium: a pupil muted on a wall or in a forum while she looks at it sees at once, without
 * a reload, a banner saying until when (« Un modérateur t’empêche d’écrire ici jusqu’à 14 h 30. ») and a disabled
 * « Ajouter une carte » / « Nouveau sujet »; at the mute's end (the page's clock moved past it, not waited for) the
 * banner goes and the button comes back. Before, the pages knew nothing of the mute: the button stayed active until
 * the server refused what she wrote.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import forumFr from '../../client/src/features/forum/i18n/fr.json';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { describeE2E } from '../helpers/browser';
import type { Browser as HttpClient } from '../helpers/http';
import { openSocket, signedIn } from '../helpers/sockets';
import { createTopic, following, newForum } from '../integration/forum/support';
import { createWall, joinWall, must, postCard } from '../integration/wall/support';
import { expectedFailure, useBrowserWorld } from './support/identity';
import { LIVE_MS } from './support/live';

/** The shortest mute the console gives (1 minute); the pages' clocks then jump past its end (no waiting for it). */
const MUTE_MINUTES = 1;
const PAST_THE_END = '01:30';

/** The pupil's wording with its time left open. */
const pupilWords = (text: string) => text.split('{{time}}')[0]!;

describeE2E('a pupil muted on a wall or in a forum sees it live', () => {
  const world = useBrowserWorld();
  let teacher: HttpClient;
  let wallId: string;
  let cardId: string;
  let forumId: string;
  let postId: string;

  beforeAll(async () => {
    teacher = await signedIn(world.server(), 'claire.fontaine');
    const lea = await signedIn(world.server(), 'lea.martin');
    const classes = await teacher.get<{ classes: Array<{ id: string }> }>('/api/dashboard');
    const classId = classes.body.classes[0]!.id;
    wallId = (await createWall(teacher, classId)).id;
    forumId = await newForum(teacher, classId);
    const onWall = await joinWall(world.server(), lea, wallId);
    const inForum = await following(world.server(), lea, forumId);
    try {
      cardId = (await postCard(onWall, wallId, { title: 'Mon idée' })).card.id;
      postId = (await createTopic(inForum, forumId, 'Ma question', 'Qui vient ?')).post.id;
    } finally {
      onWall.close();
      inForum.close();
    }
  });

  const mute = async (kind: 'wallCard' | 'forumPost', itemId: string, spaceId: string) => {
    const socket = await openSocket(world.server(), teacher);
    try {
      await must(socket, 'moderation:act', { kind, itemId, spaceId, action: 'mute', reasonCode: 'autre', version: 1, durationMinutes: MUTE_MINUTES });
    } finally {
      socket.close();
    }
  };

  const expectMuted = async (page: Page, bannerId: string, button: Locator, banner: string) => {
    await page.getByTestId(bannerId).filter({ hasText: pupilWords(banner) }).waitFor({ timeout: LIVE_MS });
    await expect.poll(() => button.isDisabled(), { timeout: LIVE_MS }).toBe(true);
  };
  const expectFree = async (page: Page, bannerId: string, button: Locator) => {
    await page.clock.fastForward(PAST_THE_END);
    await page.getByTestId(bannerId).waitFor({ state: 'detached', timeout: LIVE_MS });
    await expect.poll(() => button.isEnabled(), { timeout: LIVE_MS }).toBe(true);
  };

  it('Léa muted by her teacher sees the banner and a disabled button on the wall and in the forum, until the end of the mute', { timeout: 8 * LIVE_MS }, async () => {
    const wall = await world.signedInTab('lea.martin', [expectedFailure(401, '/api/me')]);
    await wall.page.clock.install();
    await wall.page.goto(`${world.server().url}/murs/${wallId}`);
    const addCard = wall.page.getByTestId('wall-add-card');
    await expect.poll(() => addCard.isEnabled(), { timeout: LIVE_MS }).toBe(true);
    const forum = await world.signedInTab('lea.martin', [expectedFailure(401, '/api/me')]);
    await forum.page.clock.install();
    await forum.page.goto(`${world.server().url}/forums/${forumId}`);
    const newTopic = forum.page.getByRole('button', { name: forumFr.forum.newTopic });
    await expect.poll(() => newTopic.isEnabled(), { timeout: LIVE_MS }).toBe(true);
    expect(await wall.page.getByTestId('wall-muted').count()).toBe(0);
    expect(await forum.page.getByTestId('forum-muted').count()).toBe(0);

    await mute('wallCard', cardId, wallId);
    await expectMuted(wall.page, 'wall-muted', addCard, wallFr.page.muted_pupil);
    await mute('forumPost', postId, forumId);
    await expectMuted(forum.page, 'forum-muted', newTopic, forumFr.forum.muted_pupil);

    await expectFree(wall.page, 'wall-muted', addCard);
    await expectFree(forum.page, 'forum-muted', newTopic);
    wall.errors.assertNone();
    forum.errors.assertNone();
  });
});
