import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessageView, ChatRoomSummary } from '../../../shared/chat/types';
import type { SpaceView } from '../../../shared/spaces/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { auditTotal, collect, emit, inRoom, nextEvent, ok, openClassRoom, patchRoom, send } from './support';

/**
 * Parents and the class chat (issue 11, the parents' charter): the class chat is a conversation between the class
 * and its teachers. Parents do not read it unless the teacher opens it to them (`parentsRead`), and closing it
 * again shuts them out at once, connected or not.
 */
describe('parents and the class chat', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let roomId: string;
  let parent: Socket;
  let pupil: Socket;
  let teacher: Socket;
  let parentHeard: ChatMessageView[];

  const listed = async (): Promise<boolean> => (await world.browsers.parent.get<ChatRoomSummary[]>('/api/chat/rooms')).body.some((room) => room.id === roomId);

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    roomId = (await openClassRoom(world.browsers.teacher, world.classId)).id;
    pupil = (await inRoom(server, world.browsers.pupil, roomId)).socket;
    teacher = (await inRoom(server, world.browsers.teacher, roomId)).socket;
    parent = await openSocket(server, world.browsers.parent);
    parentHeard = collect<ChatMessageView>(parent, 'chat:message');
  });
  afterAll(async () => {
    for (const socket of [parent, pupil, teacher]) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('by default, a parent can neither list, join nor read the class chat, and receives none of its messages', async () => {
    expect(await listed()).toBe(false);
    const before = await auditTotal(world.browsers.director, 'event=access.denied');
    expect(await emit(parent, 'space:join', { spaceId: roomId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await emit(parent, 'chat:join', { roomId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await emit(parent, 'chat:history', { roomId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 3);
    const heardByTeacher = nextEvent<ChatMessageView>(teacher, 'chat:message', (m) => m.body === 'Entre nous');
    await send(pupil, roomId, 'Entre nous');
    await heardByTeacher;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(parentHeard).toEqual([]);
  });

  it('once the teacher opens it to parents, a parent lists it, joins it and receives its messages', async () => {
    const opened = await patchRoom(world.browsers.teacher, roomId, { settings: { parentsRead: true } });
    expect(opened.status).toBe(200);
    expect(await listed()).toBe(true);
    ok(await emit(parent, 'space:join', { spaceId: roomId }));
    const joined = ok(await emit<{ messages: ChatMessageView[]; me: { mayPost: boolean } }>(parent, 'chat:join', { roomId }));
    expect(joined.messages.map((m) => m.body)).toContain('Entre nous');
    // Reading is not writing: comments stay off until the teacher allows them.
    expect(joined.me.mayPost).toBe(false);
    const heard = nextEvent<ChatMessageView>(parent, 'chat:message', (m) => m.body === 'Bonjour les parents');
    await send(teacher, roomId, 'Bonjour les parents');
    await heard;
  });

  it('turned off while the parent is connected: their socket leaves the room at once and receives nothing more', async () => {
    const pupilTold = nextEvent<SpaceView>(pupil, 'space:updated');
    const closed = await patchRoom(world.browsers.teacher, roomId, { settings: { parentsRead: false } });
    expect(closed.status).toBe(200);
    // The pupil, still a reader, gets the room with their rights; the parent was taken out by the same refresh.
    expect((await pupilTold).rights.read).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const count = parentHeard.length;
    const heardByTeacher = nextEvent<ChatMessageView>(teacher, 'chat:message', (m) => m.body === 'Plus pour les parents');
    await send(pupil, roomId, 'Plus pour les parents');
    await heardByTeacher;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(parentHeard.slice(count)).toEqual([]);
    expect(await emit(parent, 'chat:history', { roomId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await listed()).toBe(false);
  });
});
