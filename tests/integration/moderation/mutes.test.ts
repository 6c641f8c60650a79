/**
 * A mute set from the moderation console holds in every kind of space: a pupil muted on a wall posts, edits,
 * moves, reacts and comments no more there (MUTED, audited, until when), nor writes in a forum where they were
 * muted; elsewhere they still write, and once the mute is over they write again.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import type { WallCard } from '../../../shared/wall/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { useTestServer, type TestServer } from '../../helpers/server';
import { auditItems, createTopic, emit, following, newForum, ok } from '../forum/support';
import { ask, createWall, doc, joinWall, must, postCard } from '../wall/support';

describe('mutes hold on walls and forums', () => {
  const use = useTestServer();
  let server: TestServer;
  let world: PersonaWorld;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = use();
    world = await personaWorld(server);
  });
  afterAll(() => sockets.forEach((socket) => socket.close()));

  it('a pupil muted on a wall can no longer contribute there, but still can on another wall', async () => {
    const spaceId = (await createWall(world.browsers.teacher, world.classId)).id;
    const otherWall = (await createWall(world.browsers.teacher, world.classId)).id;
    const teacher = await joinWall(server, world.browsers.teacher, spaceId);
    const author = await joinWall(server, world.browsers.pupil, spaceId);
    sockets.push(teacher, author);
    const { card } = await postCard(author, spaceId, { title: 'Avant la pause' });
    const { card: teachers } = await postCard(teacher, spaceId, { title: 'Consigne' });
    const muted = await must<{ item: ModeratedItemView }>(teacher, 'moderation:act', { kind: 'wallCard', itemId: card.id, spaceId, action: 'mute', reasonCode: 'spam', version: 1, durationMinutes: 5 });
    expect(muted.item.id).toBe(card.id);

    const attempts: [string, Record<string, unknown>][] = [
      ['wall:card:create', { spaceId, title: 'Encore' }],
      ['wall:card:edit', { spaceId, cardId: card.id, version: 1, changes: { title: 'Modifié' } }],
      ['wall:card:move', { spaceId, cardId: card.id, order: 5 }],
      ['wall:card:react', { spaceId, cardId: teachers.id, value: 1 }],
      ['wall:comment:create', { spaceId, cardId: teachers.id, text: 'Je commente' }],
    ];
    for (const [event, payload] of attempts) {
      const refused = await ask(author, event, payload);
      expect(refused, event).toMatchObject({ ok: false, code: 'MUTED' });
      if (!refused.ok) expect(Number(refused.issues?.[0]?.message)).toBeGreaterThan(Date.now() + 4 * 60_000);
    }
    const denials = (await auditItems<{ reason: string; actor: { userId: string } }>(world.browsers.director, 'event=access.denied')).filter((entry) => entry.reason.startsWith('MUTED: wall:'));
    expect(denials.filter((entry) => entry.actor.userId === world.ids.pupil)).toHaveLength(attempts.length);
    // Deleting one's own card is not a contribution: it stays possible.
    expect(await ask(author, 'wall:card:delete', { spaceId, cardId: card.id })).toMatchObject({ ok: true });

    const elsewhere = await joinWall(server, world.browsers.pupil, otherWall);
    sockets.push(elsewhere);
    expect((await must<{ card: WallCard }>(elsewhere, 'wall:card:create', { spaceId: otherWall, title: 'Ailleurs', body: doc('oui') })).card.status).toBe('published');
  });

  it('a pupil muted in a forum can neither open a topic, nor reply, nor edit', async () => {
    const forumId = await newForum(world.browsers.teacher, world.classId);
    const teacher = await following(server, world.browsers.teacher, forumId);
    const author = await following(server, world.browsers.pupil, forumId);
    sockets.push(teacher, author);
    const { topic, post } = await createTopic(author, forumId, 'Ma question', 'Qui vient ?');
    ok(await emit(teacher, 'moderation:act', { kind: 'forumPost', itemId: post.id, spaceId: forumId, action: 'mute', reasonCode: 'hors_sujet', version: 1, durationMinutes: 10 }));
    expect(await emit(author, 'forum:createTopic', { forumId, key: crypto.randomUUID(), title: 'Autre', body: doc('encore') })).toMatchObject({ ok: false, code: 'MUTED' });
    expect(await emit(author, 'forum:reply', { forumId, topicId: topic.id, key: crypto.randomUUID(), body: doc('moi') })).toMatchObject({ ok: false, code: 'MUTED' });
    expect(await emit(author, 'forum:edit', { forumId, postId: post.id, body: doc('modifié') })).toMatchObject({ ok: false, code: 'MUTED' });
  });
});
