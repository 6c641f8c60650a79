import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { WallCard } from '../../../shared/wall/types';
import { signedIn } from '../../helpers/sockets';
import { joinWall } from '../wall/support';
import { centre, createWall, eventually, liveTabs, mentions, must, PATIENCE_MS, useNotificationWorld } from './support';

describe('notifications of a card in a pre-moderated wall', () => {
  const { server, world } = useNotificationWorld();
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('go to the moderators only until approved, then to the class and its parents, never to another class’s parent nor to who acted', async () => {
    const { browsers, classId } = world();
    const chloe = await signedIn(server(), 'chloe.nguyen');
    const otherParent = await signedIn(server(), 'laure.mercier');
    const spaceId = (await createWall(browsers.teacher, classId, { preModeration: true })).id;
    const [teacher, lea, classmate, parent, stranger] = await liveTabs(server(), [browsers.teacher, browsers.pupil, chloe, browsers.parent, otherParent] as const);
    sockets.push(...[teacher, lea, classmate, parent, stranger].map((tab) => tab.socket));
    const author = await joinWall(server(), browsers.pupil, spaceId);
    const moderator = await joinWall(server(), browsers.teacher, spaceId);
    sockets.push(author, moderator);

    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Mon hérisson' });
    expect(card.status).toBe('pending');
    await eventually(() => teacher.popped.some((n) => n.kind === 'toReview' && n.target?.itemId === card.id), 'the teacher is told a card waits for review', PATIENCE_MS);
    // The batch that told the teacher decided for everyone: nobody else heard of the pending card.
    for (const tab of [lea, classmate, parent, stranger]) expect(tab.popped.filter((n) => n.target?.itemId === card.id)).toEqual([]);
    for (const browser of [browsers.pupil, chloe, browsers.parent, otherParent]) expect(await mentions(browser, card.id)).toBe(false);

    await must(moderator, 'wall:card:approve', { spaceId, cardId: card.id });
    await eventually(() => classmate.popped.some((n) => n.kind === 'newCard' && n.target?.itemId === card.id), 'the classmate hears of the approved card', PATIENCE_MS);
    await eventually(() => parent.popped.some((n) => n.kind === 'newCard') && lea.popped.some((n) => n.kind === 'moderationOfMine'), 'the parent and the author are told', PATIENCE_MS);
    const told = parent.popped.find((n) => n.kind === 'newCard' && n.target?.itemId === card.id);
    expect(told).toMatchObject({ spaceTitle: 'Mur de la classe', childName: 'Léa Martin', actorNames: ['Léa Martin'], count: 1 });
    expect(lea.popped.find((n) => n.kind === 'moderationOfMine')).toMatchObject({ decision: 'approve', target: { itemId: card.id } });
    await eventually(() => teacher.changes.some((change) => change.removed.length > 0), 'the teacher’s « to review » goes once the card is approved', PATIENCE_MS);
    expect((await centre(browsers.teacher)).notifications.filter((n) => n.kind === 'toReview' || n.kind === 'newCard')).toEqual([]);
    // Léa wrote it and the teacher approved it: neither is told of a new card; another class's parent hears nothing.
    expect(lea.popped.filter((n) => n.kind === 'newCard')).toEqual([]);
    expect(stranger.popped).toEqual([]);
    expect((await centre(otherParent)).notifications).toEqual([]);
    expect(await mentions(browsers.parent, card.id)).toBe(true);
  });
});
