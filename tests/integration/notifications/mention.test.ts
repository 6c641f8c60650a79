import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import type { WallCard, WallComment } from '../../../shared/wall/types';
import { signedIn } from '../../helpers/sockets';
import { createTopic, following, newForum, reply } from '../forum/support';
import { doc, joinWall } from '../wall/support';
import { centre, createWall, eventually, liveTabs, mentions, must, ofKind, PATIENCE_MS, useNotificationWorld } from './support';

describe('mentions: « @Prénom » or « @Prénom Nom » in a contribution tells that person of the space', () => {
  const { server, world } = useNotificationWorld();
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('a pupil’s card naming « @Timeo » tells Timéo once, as a mention only; nobody else, in the class or out of it, is mentioned', async () => {
    const { browsers, classId } = world();
    const [timeo, chloe, ethan] = await Promise.all(['timeo.lambert', 'chloe.nguyen', 'ethan.mercier'].map((login) => signedIn(server(), login)));
    const spaceId = (await createWall(browsers.teacher, classId)).id;
    const [timeoTab, chloeTab] = await liveTabs(server(), [timeo!, chloe!] as const);
    const author = await joinWall(server(), browsers.pupil, spaceId);
    const classmate = await joinWall(server(), chloe!, spaceId);
    sockets.push(timeoTab.socket, chloeTab.socket, author, classmate);

    // Timéo named twice (no accent, then with it), Léa herself, and Ethan Mercier, a pupil of another class.
    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Bravo @Timeo !', body: doc('Merci @Timéo ! Signé @Léa, avec @Ethan Mercier') });
    expect(card.status).toBe('published');
    await eventually(async () => (await ofKind(timeo!, 'mention')).length === 1, 'Timéo is mentioned', PATIENCE_MS);
    // A comment naming the card's author.
    const { comment } = await must<{ comment: WallComment }>(classmate, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Trop bien @lea martin !' });
    await eventually(async () => (await ofKind(browsers.pupil, 'mention')).length === 1, 'Léa is mentioned in the comment', PATIENCE_MS);
    // A later batch (batches run one after the other): once it is delivered, the earlier ones are written whole.
    const { card: fence } = await must<{ card: WallCard }>(classmate, 'wall:card:create', { spaceId, title: 'Une autre carte' });
    await eventually(async () => mentions(browsers.pupil, fence.id), 'Léa hears of the later card', PATIENCE_MS);
    // Stored is not yet popped: Timéo's tab gets the later card's event on its own way (then checked exactly below).
    await eventually(() => timeoTab.popped.some((n) => n.target?.itemId === fence.id), 'Timéo’s tab hears of the later card', PATIENCE_MS);

    // Timéo hears of the card once, as a mention (not also as a new card); Chloé of a new card.
    expect((await centre(timeo!)).notifications.filter((n) => n.target?.itemId === card.id)).toEqual([
      expect.objectContaining({ kind: 'mention', count: 1, actorNames: ['Léa Martin'], spaceTitle: 'Mur de la classe', target: expect.objectContaining({ itemKind: 'wallCard', itemId: card.id }) }),
    ]);
    expect(timeoTab.popped.filter((n) => n.kind === 'mention' || n.kind === 'newCard').map((n) => [n.kind, n.target?.itemId])).toEqual([['mention', card.id], ['newCard', fence.id]]);
    expect((await ofKind(chloe!, 'mention')).length).toBe(0);
    expect(chloeTab.popped.map((n) => [n.kind, n.target?.itemId])).toEqual([['newCard', card.id]]);
    // The author who names herself is not told; the other class's pupil is not among the space's people.
    expect((await ofKind(browsers.pupil, 'newCard')).filter((n) => n.target?.itemId === card.id)).toEqual([]);
    expect((await centre(ethan!)).notifications).toEqual([]);
    expect((await ofKind(browsers.parent, 'mention')).length).toBe(0);
    // Léa hears Chloé's comment once, as a mention (not also as a comment on her card).
    const forLea = (await centre(browsers.pupil)).notifications.filter((n) => n.kind !== 'newCard');
    expect(forLea).toEqual([
      expect.objectContaining({ kind: 'mention', actorNames: ['Chloé Nguyen'], target: expect.objectContaining({ itemKind: 'wallComment', itemId: comment.id, parentId: card.id }) }),
    ]);
  });

  it('a pending card mentions nobody until approved; hidden, its mention leaves the centre', async () => {
    const { browsers, classId } = world();
    const timeo = await signedIn(server(), 'timeo.lambert');
    const spaceId = (await createWall(browsers.teacher, classId, { preModeration: true })).id;
    const [teacherTab, timeoTab] = await liveTabs(server(), [browsers.teacher, timeo] as const);
    const author = await joinWall(server(), browsers.pupil, spaceId);
    const moderator = await joinWall(server(), browsers.teacher, spaceId);
    sockets.push(teacherTab.socket, timeoTab.socket, author, moderator);

    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Pour @Timéo Lambert' });
    expect(card.status).toBe('pending');
    await eventually(() => teacherTab.popped.some((n) => n.kind === 'toReview' && n.target?.itemId === card.id), 'the teacher is told the card waits', PATIENCE_MS);
    // The batch that told the teacher decided for everyone: Timéo heard nothing of the pending card.
    expect(timeoTab.popped).toEqual([]);
    expect(await ofKind(timeo, 'toReview')).toEqual([]);
    expect(await mentions(timeo, card.id)).toBe(false);

    await must(moderator, 'wall:card:approve', { spaceId, cardId: card.id });
    await eventually(() => timeoTab.popped.some((n) => n.kind === 'mention' && n.target?.itemId === card.id), 'Timéo is mentioned once the card is approved', PATIENCE_MS);
    // A later batch (another card waiting for review): once the teacher is told, the approval's batch is written whole.
    const { card: fence } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Une autre carte' });
    await eventually(() => teacherTab.popped.some((n) => n.kind === 'toReview' && n.target?.itemId === fence.id), 'the teacher is told of the later card', PATIENCE_MS);
    // The first test's notifications are in Timéo's centre too: only this wall's count here.
    expect((await centre(timeo)).notifications.filter((n) => n.target?.spaceId === spaceId).map((n) => n.kind)).toEqual(['mention']);

    const { item } = await must<{ item: ModeratedItemView }>(moderator, 'moderation:read', { kind: 'wallCard', itemId: card.id, spaceId });
    await must(moderator, 'moderation:act', { kind: 'wallCard', itemId: card.id, spaceId, action: 'hide', reasonCode: 'insulte', version: item.version });
    await eventually(async () => !(await mentions(timeo, card.id)), 'the hidden card’s mention leaves Timéo’s centre', PATIENCE_MS);
    expect((await centre(timeo)).notifications.filter((n) => n.target?.spaceId === spaceId)).toEqual([]);
  });

  it('a forum topic’s title names someone, a reply names the topic’s author: each hears it once, as a mention', async () => {
    const { browsers, classId } = world();
    const [timeo, chloe] = await Promise.all(['timeo.lambert', 'chloe.nguyen'].map((login) => signedIn(server(), login)));
    const forumId = await newForum(browsers.teacher, classId);
    const [asker, answerer] = [await following(server(), chloe!, forumId), await following(server(), timeo!, forumId)];
    sockets.push(asker, answerer);

    const { topic, post } = await createTopic(asker, forumId, 'Une question pour @Timéo', 'Tu as fini ton exposé ?');
    await eventually(async () => (await ofKind(timeo!, 'mention')).some((n) => n.target?.itemId === post.id), 'Timéo is mentioned by the topic', PATIENCE_MS);
    const forTimeo = (await centre(timeo!)).notifications.filter((n) => n.target?.spaceId === forumId);
    expect(forTimeo).toEqual([expect.objectContaining({ kind: 'mention', actorNames: ['Chloé Nguyen'], target: expect.objectContaining({ itemKind: 'forumPost', itemId: post.id, parentId: topic.id }) })]);

    const answer = await reply(answerer, forumId, topic.id, 'Oui @Chloé, presque !');
    await eventually(async () => (await ofKind(chloe!, 'mention')).some((n) => n.target?.itemId === answer.id), 'Chloé is mentioned by the reply', PATIENCE_MS);
    // A later batch: once it is delivered, the reply's batch is written whole.
    const { post: fence } = await createTopic(answerer, forumId, 'Mon exposé', 'Il parle des hérissons.');
    await eventually(async () => mentions(chloe!, fence.id), 'Chloé hears of the later topic', PATIENCE_MS);
    // The topic's author hears the reply once, as a mention (not also as an answer to hers); the class as a reply.
    expect((await centre(chloe!)).notifications.filter((n) => n.target?.spaceId === forumId).map((n) => n.kind)).toEqual(['newTopic', 'mention']);
    expect((await ofKind(browsers.pupil, 'newReply')).some((n) => n.target?.itemId === answer.id)).toBe(true);
  });
});
