import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatMessageView } from '../../../shared/chat/types';
import { usePersonaWorld } from '../../helpers/personas';
import { collect, emit, inRoom, newRoom, nextEvent, ok, send, CHAT_TEST_SERVER } from '../chat/support';

/**
 * `space:leave` takes the socket out of every room it joined with the space, the moderators' room too (joined by
 * `chat:join` and `forum:join`): a teacher who left a chat room's page gets nothing more from it.
 */
describe('space:leave', () => {
  const { server, world } = usePersonaWorld(CHAT_TEST_SERVER);
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('leaves the moderators’ room: a teacher who left a chat room receives none of its messages', async () => {
    const left = await newRoom(world().browsers.teacher, world().classId, {}, 'Quitté');
    const still = await newRoom(world().browsers.teacher, world().classId, {}, 'Suivi');
    const teacher = (await inRoom(server(), world().browsers.teacher, left)).socket;
    const pupil = (await inRoom(server(), world().browsers.pupil, left)).socket;
    sockets.push(teacher, pupil);
    ok(await emit(pupil, 'space:join', { spaceId: still }));
    ok(await emit(pupil, 'chat:join', { roomId: still }));
    ok(await emit(teacher, 'space:join', { spaceId: still }));
    ok(await emit(teacher, 'chat:join', { roomId: still }));

    const received = collect<ChatMessageView>(teacher, 'chat:message');
    // Joined: the teacher gets the room's messages.
    const before = nextEvent<ChatMessageView>(teacher, 'chat:message', (message) => message.roomId === left && message.body === 'avant');
    await send(pupil, left, 'avant');
    await before;

    ok(await emit(teacher, 'space:leave', { spaceId: left }));
    await send(pupil, left, 'après');
    // One connection delivers in order: once the other room's message is here, the left room's would have been too.
    const marker = nextEvent<ChatMessageView>(teacher, 'chat:message', (message) => message.roomId === still && message.body === 'repère');
    await send(pupil, still, 'repère');
    await marker;
    expect(received.filter((message) => message.roomId === left).map((message) => message.body)).toEqual(['avant']);
  });
});
