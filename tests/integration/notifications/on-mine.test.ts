import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import type { WallCard } from '../../../shared/wall/types';
import { signedIn } from '../../helpers/sockets';
import { joinWall } from '../wall/support';
import { centre, createWall, eventually, must, ofKind, PATIENCE_MS, useNotificationWorld } from './support';

describe('notifications about my own items', () => {
  const { server, world } = useNotificationWorld();
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('a reaction and a comment on my card, a decision on it, and the outcome of my report', async () => {
    const { browsers, classId } = world();
    const chloe = await signedIn(server(), 'chloe.nguyen');
    const spaceId = (await createWall(browsers.teacher, classId)).id;
    const [author, classmate, moderator] = [await joinWall(server(), browsers.pupil, spaceId), await joinWall(server(), chloe, spaceId), await joinWall(server(), browsers.teacher, spaceId)];
    sockets.push(author, classmate, moderator);
    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Ma carte' });

    await must(classmate, 'wall:card:react', { spaceId, cardId: card.id, value: 1 });
    await must(classmate, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Bravo !' });
    await eventually(async () => (await ofKind(browsers.pupil, 'reactionOnMine')).length === 1 && (await ofKind(browsers.pupil, 'commentOnMine')).length === 1, 'Léa hears of the reaction and the comment', PATIENCE_MS);
    expect((await ofKind(browsers.pupil, 'reactionOnMine'))[0]).toMatchObject({ actorNames: ['Chloé Nguyen'], target: { itemId: card.id } });
    expect((await ofKind(browsers.pupil, 'commentOnMine'))[0]).toMatchObject({ actorNames: ['Chloé Nguyen'], target: { itemKind: 'wallComment', parentId: card.id } });
    // The card's author hears of the comment once, as an answer to hers; Chloé of nothing she did herself.
    expect(await ofKind(browsers.pupil, 'newComment')).toEqual([]);
    expect((await centre(chloe)).notifications.map((n) => n.kind)).toEqual(['newCard']);

    await must(classmate, 'report:create', { kind: 'wallCard', itemId: card.id, spaceId, category: 'insulte', text: 'Pas gentil' });
    const { item } = await must<{ item: ModeratedItemView }>(moderator, 'moderation:read', { kind: 'wallCard', itemId: card.id, spaceId });
    await must(moderator, 'moderation:act', { kind: 'wallCard', itemId: card.id, spaceId, action: 'hide', reasonCode: 'insulte', version: item.version });
    await eventually(async () => (await ofKind(chloe, 'reportOutcome')).length === 1, 'the reporter hears the outcome', PATIENCE_MS);
    expect((await ofKind(chloe, 'reportOutcome'))[0]).toMatchObject({ decision: 'hide', target: { itemId: null } });
    expect((await ofKind(browsers.pupil, 'moderationOfMine'))[0]).toMatchObject({ decision: 'hide', target: { itemId: card.id } });
    // The hidden card's reaction and comment notifications are gone with it.
    expect(await ofKind(browsers.pupil, 'reactionOnMine')).toEqual([]);
  });
});
