import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import type { WallCard, WallComment } from '../../../shared/wall/types';
import { signedIn } from '../../helpers/sockets';
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
    await eventually(async () => (await ofKind(timeo!, 'mention')).length === 1 && (await ofKind(chloe!, 'newCard')).length === 1, 'Timéo is mentioned and Chloé told of the card', PATIENCE_MS);
    expect((await centre(timeo!)).notifications).toEqual([
      expect.objectContaining({ kind: 'mention', count: 1, actorNames: ['Léa Martin'], spaceTitle: 'Mur de la classe', target: expect.objectContaining({ itemKind: 'wallCard', itemId: card.id }) }),
    ]);
    expect(timeoTab.popped.map((n) => n.kind)).toEqual(['mention']);
    expect((await centre(chloe!)).notifications.map((n) => n.kind)).toEqual(['newCard']);
    // The author who names herself hears nothing; the other class's pupil is not among the space's people.
    expect((await centre(browsers.pupil)).notifications).toEqual([]);
    expect((await centre(ethan!)).notifications).toEqual([]);
    expect((await ofKind(browsers.parent, 'mention')).length).toBe(0);
    expect(await mentions(browsers.parent, card.id)).toBe(true);

    // A comment naming the card's author tells her once, as a mention (not also as a comment on her card).
    const { comment } = await must<{ comment: WallComment }>(classmate, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Trop bien @lea martin !' });
    await eventually(async () => (await ofKind(browsers.pupil, 'mention')).length === 1, 'Léa is mentioned in the comment', PATIENCE_MS);
    expect((await centre(browsers.pupil)).notifications).toEqual([
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
    // The first test's notifications are in Timéo's centre too: only this wall's count here.
    expect((await centre(timeo)).notifications.filter((n) => n.target?.spaceId === spaceId).map((n) => n.kind)).toEqual(['mention']);

    const { item } = await must<{ item: ModeratedItemView }>(moderator, 'moderation:read', { kind: 'wallCard', itemId: card.id, spaceId });
    await must(moderator, 'moderation:act', { kind: 'wallCard', itemId: card.id, spaceId, action: 'hide', reasonCode: 'insulte', version: item.version });
    await eventually(async () => !(await mentions(timeo, card.id)), 'the hidden card’s mention leaves Timéo’s centre', PATIENCE_MS);
    expect((await centre(timeo)).notifications.filter((n) => n.target?.spaceId === spaceId)).toEqual([]);
  });
});
