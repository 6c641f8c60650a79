import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatHistoryPage, ChatMessageView } from '../../../shared/chat/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { collect, emit, inRoom, nextEvent, ok, openClassRoom } from './support';

/**
 * Offline-safe sending: every send carries the client's idempotency key, and the server stores one message per
 * (room, author, key), so a send retried after a cut connection — whether or not the first attempt arrived —
 * leaves exactly one copy.
 */
describe('chat: exactly one copy whatever happens to the connection', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let roomId: string;
  let observer: Socket;
  let observed: ChatMessageView[];
  const open: Socket[] = [];

  const storedWithKey = async (key: string): Promise<ChatMessageView[]> => {
    const page = ok(await emit<ChatHistoryPage>(observer, 'chat:history', { roomId }));
    return page.messages.filter((message) => message.key === key);
  };
  const pupilSocket = async (): Promise<Socket> => {
    const { socket } = await inRoom(server, world.browsers.pupil, roomId);
    open.push(socket);
    return socket;
  };

  beforeAll(async () => {
    // Idempotency, not flood control, is tested here: the racing sends must not run into the chat's flood limit.
    server = await startServer({ env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: 1_000, durationSeconds: 60 } }) } });
    world = await personaWorld(server);
    roomId = (await openClassRoom(world.browsers.teacher, world.classId)).id;
    observer = (await inRoom(server, world.browsers.teacher, roomId)).socket;
    observed = collect<ChatMessageView>(observer, 'chat:message');
  });
  afterAll(async () => {
    for (const socket of [...open, observer]) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('the first attempt arrives but its ack is lost with the connection: the retry returns the stored message', async () => {
    const key = crypto.randomUUID();
    const first = await pupilSocket();
    const arrived = nextEvent<ChatMessageView>(observer, 'chat:message', (message) => message.key === key);
    // No ack callback: the answer never reaches the sender, as when the connection drops right after sending.
    first.emit('chat:send', { roomId, key, body: 'Premier essai' });
    const stored = await arrived;
    first.io.engine.close();

    const retry = await pupilSocket();
    const answer = ok(await emit<{ message: ChatMessageView; duplicate: boolean }>(retry, 'chat:send', { roomId, key, body: 'Premier essai' }));
    expect(answer).toMatchObject({ duplicate: true, message: { id: stored.id, seq: stored.seq } });
    expect(await storedWithKey(key)).toHaveLength(1);
    expect(observed.filter((message) => message.key === key)).toHaveLength(1);
  });

  it('the connection is cut right after the emit: after reconnecting, the resend leaves one copy', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const key = crypto.randomUUID();
      const first = await pupilSocket();
      first.emit('chat:send', { roomId, key, body: `Coupure ${attempt}` });
      first.io.engine.close();

      const retry = await pupilSocket();
      const answer = ok(await emit<{ message: ChatMessageView }>(retry, 'chat:send', { roomId, key, body: `Coupure ${attempt}` }));
      expect(answer.message.key).toBe(key);
      expect(await storedWithKey(key)).toHaveLength(1);
      await expect.poll(() => observed.filter((message) => message.key === key).length).toBe(1);
    }
  });

  it('a send buffered while offline and the same key resent from the offline queue on reconnection: one copy', async () => {
    const key = crypto.randomUUID();
    // Socket.IO's own reconnection, as in the browser: emits while disconnected are buffered and flushed.
    const socket: Socket = connect(server.url, { transports: ['websocket'], reconnectionDelay: 50, extraHeaders: { Cookie: world.browsers.pupil.cookieHeader } });
    open.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    ok(await emit(socket, 'chat:join', { roomId }));
    const reconnected = new Promise<void>((resolve) => socket.io.once('reconnect', () => resolve()));
    socket.io.engine.close();
    const buffered = emit<{ message: ChatMessageView }>(socket, 'chat:send', { roomId, key, body: 'Envoyé hors ligne' });
    await reconnected;
    const resent = ok(await emit<{ message: ChatMessageView }>(socket, 'chat:send', { roomId, key, body: 'Envoyé hors ligne' }));
    const firstAnswer = await buffered;
    if (firstAnswer.ok) expect(firstAnswer.data.message.id).toBe(resent.message.id);
    expect(await storedWithKey(key)).toHaveLength(1);
    await expect.poll(() => observed.filter((message) => message.key === key).length).toBe(1);
  });

  it('the same key sent at once from two connections (a duplicated tab): one copy, both answered with it', async () => {
    const key = crypto.randomUUID();
    const [a, b] = [await pupilSocket(), await pupilSocket()];
    const answers = await Promise.all([a, b, a, b].map((socket) => emit<{ message: ChatMessageView }>(socket, 'chat:send', { roomId, key, body: 'En double' })));
    const ids = answers.map((answer) => ok(answer).message.id);
    expect(new Set(ids).size).toBe(1);
    expect(await storedWithKey(key)).toHaveLength(1);
    await expect.poll(() => observed.filter((message) => message.key === key).length).toBe(1);
  });

  it('a different author may use the same key: keys are per author', async () => {
    const key = crypto.randomUUID();
    const pupil = await pupilSocket();
    const other = (await inRoom(server, world.browsers.pupilModerator, roomId)).socket;
    open.push(other);
    const [mine, theirs] = await Promise.all([pupil, other].map((socket) => emit<{ message: ChatMessageView }>(socket, 'chat:send', { roomId, key, body: 'Même clé' })));
    expect(ok(mine!).message.id).not.toBe(ok(theirs!).message.id);
    expect(await storedWithKey(key)).toHaveLength(2);
  });

  it('refuses a send without a valid key', async () => {
    const socket = await openSocket(server, world.browsers.pupil);
    open.push(socket);
    expect(await emit(socket, 'chat:send', { roomId, key: 'not-a-uuid', body: 'x' })).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await emit(socket, 'chat:send', { roomId, body: 'x' })).toMatchObject({ ok: false, code: 'VALIDATION' });
  });
});

describe('chat: a retry costs no flood control', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let socket: Socket;
  beforeAll(async () => {
    // A window far longer than the test: nothing is given back by time.
    server = await startServer({ env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: 3, durationSeconds: 600 } }) } });
    world = await personaWorld(server);
    const roomId = (await openClassRoom(world.browsers.teacher, world.classId)).id;
    socket = (await inRoom(server, world.browsers.pupil, roomId)).socket;
  });
  afterAll(async () => {
    socket.close();
    await server.stop();
    server.cleanup();
  });

  it('answers retries with the stored message without spending, even once the limit is reached', async () => {
    const roomId = (await openClassRoom(world.browsers.teacher, world.classId)).id;
    const first = { roomId, key: crypto.randomUUID(), body: 'Une fois' };
    const stored = ok(await emit<{ message: ChatMessageView }>(socket, 'chat:send', first)).message;
    for (let retry = 0; retry < 4; retry += 1) {
      expect(ok(await emit<{ message: ChatMessageView; duplicate: boolean }>(socket, 'chat:send', first))).toMatchObject({ duplicate: true, message: { id: stored.id } });
    }
    // The three points: the first message and two more; the fourth new one is refused, a retry still answered.
    for (const body of ['Deux', 'Trois']) ok(await emit(socket, 'chat:send', { roomId, key: crypto.randomUUID(), body }));
    expect(await emit(socket, 'chat:send', { roomId, key: crypto.randomUUID(), body: 'Quatre' })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(ok(await emit<{ message: ChatMessageView }>(socket, 'chat:send', first)).message.id).toBe(stored.id);
  });
});
