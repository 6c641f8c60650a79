import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessageView } from '../../../shared/chat/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { createTopic, doc, following, newForum } from '../forum/support';
import { emit, inRoom, newRoom, ok, patchRoom } from './support';

const trySend = (socket: Socket, roomId: string, body = 'coucou') => emit<{ message: ChatMessageView }>(socket, 'chat:send', { roomId, key: crypto.randomUUID(), body });

/**
 * Chat and forum events decide on this node's live spaces (and the rooms' live mutes), loaded once and kept
 * between events: every change is honoured by the very next event after it was acknowledged, without waiting for
 * the broadcast that tells the viewers, nor for the cache's TTL (each change here comes right after a send that
 * used the kept space).
 */
describe('chat and forum: a change of the space is honoured by the very next event', () => {
  let server: TestServer;
  let world: PersonaWorld;
  const sockets: Socket[] = [];
  const join = async (roomId: string, persona: 'pupil' | 'teacher' = 'pupil') => {
    const { socket } = await inRoom(server, world.browsers[persona], roomId);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startServer({
      env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: 100_000, durationSeconds: 60 }, forumWrite: { points: 100_000, durationSeconds: 60 } }) },
    });
    world = await personaWorld(server);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('a room closed, then opened again', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    const pupil = await join(roomId);
    ok(await trySend(pupil, roomId));
    expect((await patchRoom(world.browsers.teacher, roomId, { settings: { open: false } })).status).toBe(200);
    expect(await trySend(pupil, roomId)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await patchRoom(world.browsers.teacher, roomId, { settings: { open: true } })).status).toBe(200);
    ok(await trySend(pupil, roomId));
  });

  it('a room locked, then unlocked', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    const pupil = await join(roomId);
    ok(await trySend(pupil, roomId));
    expect((await patchRoom(world.browsers.teacher, roomId, { locked: true })).status).toBe(200);
    expect(await trySend(pupil, roomId)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await patchRoom(world.browsers.teacher, roomId, { locked: false })).status).toBe(200);
    ok(await trySend(pupil, roomId));
  });

  it('a writer removed', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    expect((await patchRoom(world.browsers.teacher, roomId, { writers: 'some', writerIds: [world.ids.pupil] })).status).toBe(200);
    const pupil = await join(roomId);
    ok(await trySend(pupil, roomId));
    expect((await patchRoom(world.browsers.teacher, roomId, { writerIds: [] })).status).toBe(200);
    expect(await trySend(pupil, roomId)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('slow mode turned on', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    const pupil = await join(roomId);
    ok(await trySend(pupil, roomId));
    expect((await patchRoom(world.browsers.teacher, roomId, { settings: { slowModeSeconds: 60 } })).status).toBe(200);
    expect(await trySend(pupil, roomId)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });

  it('a pupil muted, then unmuted', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    const pupil = await join(roomId);
    const teacher = await join(roomId, 'teacher');
    ok(await trySend(pupil, roomId));
    ok(await emit(teacher, 'chat:mute', { roomId, userId: world.ids.pupil, minutes: 5 }));
    expect(await trySend(pupil, roomId)).toMatchObject({ ok: false, code: 'MUTED' });
    ok(await emit(teacher, 'chat:unmute', { roomId, userId: world.ids.pupil }));
    ok(await trySend(pupil, roomId));
  });

  it('a forum locked', async () => {
    const forumId = await newForum(world.browsers.teacher, world.classId);
    const pupil = await following(server, world.browsers.pupil, forumId);
    sockets.push(pupil);
    const { topic } = await createTopic(pupil, forumId, 'Sortie', 'On part à quelle heure ?');
    expect((await patchRoom(world.browsers.teacher, forumId, { locked: true })).status).toBe(200);
    const answer = await emit(pupil, 'forum:reply', { forumId, topicId: topic.id, key: crypto.randomUUID(), body: doc('Je réponds quand même') });
    expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
