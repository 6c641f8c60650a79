import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { WallCard } from '../../../shared/wall/types';
import { signedIn } from '../../helpers/sockets';
import { joinWall } from '../wall/support';
import { ask, centre, createWall, eventually, liveTab, liveTabs, mentions, must, PATIENCE_MS, useNotificationWorld } from './support';

describe('a hidden or deleted item leaves every notification centre it reached', () => {
  const { server, world } = useNotificationWorld();
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('hidden by a moderator: removed live (notifications:changed) and on reload, from the class and the parents', async () => {
    const { browsers, classId } = world();
    const chloe = await signedIn(server(), 'chloe.nguyen');
    const spaceId = (await createWall(browsers.teacher, classId)).id;
    const [classmate, parent] = await liveTabs(server(), [chloe, browsers.parent] as const);
    const author = await joinWall(server(), browsers.pupil, spaceId);
    const moderator = await joinWall(server(), browsers.teacher, spaceId);
    sockets.push(classmate.socket, parent.socket, author, moderator);

    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Une carte à masquer' });
    await eventually(() => [classmate, parent].every((tab) => tab.popped.some((n) => n.target?.itemId === card.id)), 'the class and the parent are told', PATIENCE_MS);
    const told = new Map([classmate, parent].map((tab) => [tab, tab.popped.find((n) => n.target?.itemId === card.id)!.id]));

    const hidden = await ask(moderator, 'moderation:act', { kind: 'wallCard', itemId: card.id, spaceId, action: 'hide', reasonCode: 'insulte', version: card.version });
    expect(hidden.ok).toBe(true);
    await eventually(() => [classmate, parent].every((tab) => tab.changes.some((change) => change.removed.includes(told.get(tab)!))), 'each centre is told to drop it', PATIENCE_MS);
    expect(classmate.changes.at(-1)!.unread).toBe(0);
    for (const browser of [chloe, browsers.parent]) expect(await mentions(browser, card.id)).toBe(false);
    // The parent is told that a moderator decided on her child's card, without the card: she may no longer read it.
    expect((await centre(browsers.parent)).notifications).toEqual([expect.objectContaining({ kind: 'moderationOfMine', decision: 'hide', childName: 'Léa Martin', target: expect.objectContaining({ itemId: null }) })]);
  });

  it('deleted by its author: a notification that gathered two cards keeps the other one', async () => {
    const { browsers, classId } = world();
    const spaceId = (await createWall(browsers.teacher, classId)).id;
    const parent = await liveTab(server(), browsers.parent);
    const author = await joinWall(server(), browsers.pupil, spaceId);
    sockets.push(parent.socket, author);
    const { card: kept } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Je reste' });
    const { card: gone } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Je pars' });
    await eventually(() => parent.popped.some((n) => n.target?.itemId === gone.id && n.count === 2), 'both cards gathered in one notification', PATIENCE_MS);
    await must(author, 'wall:card:delete', { spaceId, cardId: gone.id });
    await eventually(() => parent.changes.some((change) => change.changed.some((n) => n.count === 1 && n.target?.itemId === kept.id)), 'the notification keeps the other card', PATIENCE_MS);
    expect(await mentions(browsers.parent, gone.id)).toBe(false);
    expect(await mentions(browsers.parent, kept.id)).toBe(true);
  });
});
