import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChatMessageView, ChatRoomSummary } from '../../../shared/chat/types';
import type { Ack } from '../../../shared/realtime/ack';
import { useTestCluster } from '../../helpers/cluster';
import type { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { nextEvent, openSocket, signedIn } from '../../helpers/sockets';
import { patchSpace } from '../pad/support';

/**
 * Socket.IO's connection state recovery across nodes (the Redis Streams adapter keeps a disconnected socket's rooms
 * and the packets sent to them): a short disconnection loses nothing, but a recovery never hands a socket what its
 * user may no longer read. The adapter sends the missed packets as soon as it restores a session, before the
 * handshake is authenticated, so every frame the client receives is watched, not only the events it emits.
 */
const ask = <T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> => socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>;

/** Every packet the client receives, as text (missed packets arrive before `connect`, whatever follows). */
function watchFrames(socket: Socket): string[] {
  const frames: string[] = [];
  socket.io.on('packet', (packet: { data?: unknown }) => frames.push(JSON.stringify(packet.data ?? null)));
  return frames;
}

/** Drops the socket's transport, as a tablet changing networks would: the client may then reconnect with its session. */
async function dropTransport(socket: Socket): Promise<void> {
  const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
  // The server sees its transport closed (a recoverable disconnection); the client calls it a forced close.
  socket.io.engine.close();
  expect(await gone).toBe('forced close');
}

/** Reconnects a dropped socket (the helper's sockets do not reconnect by themselves): resolves on connect or refusal. */
function reconnect(socket: Socket): Promise<'connected' | 'refused'> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', () => resolve('refused'));
    socket.connect();
  });
}

describeRedis('connection state recovery across nodes', () => {
  const cluster = useTestCluster({ nodes: 2, env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: 100_000, durationSeconds: 60 } }) } });
  let teacher: Browser;
  let director: Browser;
  let classId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    teacher = await signedIn(cluster().nodes[0]!, PERSONA_LOGINS.teacher);
    director = await signedIn(cluster().nodes[0]!, PERSONA_LOGINS.director);
    classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  async function memberOf(node: number, roomId: string, login: string): Promise<{ socket: Socket; browser: Browser }> {
    const browser = await signedIn(cluster().nodes[node]!, login);
    const socket = await openSocket(cluster().nodes[node]!, browser);
    sockets.push(socket);
    expect((await ask(socket, 'space:join', { spaceId: roomId })).ok).toBe(true);
    expect((await ask(socket, 'chat:join', { roomId })).ok).toBe(true);
    return { socket, browser };
  }
  const send = (socket: Socket, roomId: string, body: string) => ask<{ message: ChatMessageView }>(socket, 'chat:send', { roomId, key: crypto.randomUUID(), body });
  async function chatRoom(title: string, settings: Record<string, unknown> = {}): Promise<string> {
    const room = await teacher.post<ChatRoomSummary>('/api/spaces', { kind: 'chat', title, scope: { kind: 'class', classId }, settings });
    expect(room.status).toBe(201);
    return room.body.id;
  }

  it('a short disconnection is recovered: the socket is back in its room and gets the message it missed', async () => {
    const roomId = await chatRoom('Reprise');
    const pupil = await memberOf(1, roomId, 'jade.lefevre');
    const sender = await memberOf(0, roomId, PERSONA_LOGINS.pupil);
    await dropTransport(pupil.socket);
    expect((await send(sender.socket, roomId, 'Pendant la coupure')).ok).toBe(true);
    const missed = nextEvent<ChatMessageView>(pupil.socket, 'chat:message', (message) => message.body === 'Pendant la coupure', 10_000);
    expect(await reconnect(pupil.socket)).toBe('connected');
    expect(pupil.socket.recovered).toBe(true);
    await missed;
    // Still in the room without joining again.
    const next = nextEvent<ChatMessageView>(pupil.socket, 'chat:message', (message) => message.body === 'Après la coupure', 10_000);
    expect((await send(sender.socket, roomId, 'Après la coupure')).ok).toBe(true);
    await next;
  });

  it('a parent put out of the room while disconnected is not recovered and receives nothing of it', async () => {
    const roomId = await chatRoom('Parents bienvenus', { parentsRead: true });
    const parent = await memberOf(1, roomId, PERSONA_LOGINS.parent);
    const barrier = await memberOf(1, roomId, 'noah.kowalski');
    const sender = await memberOf(0, roomId, PERSONA_LOGINS.pupil);
    const frames = watchFrames(parent.socket);
    await dropTransport(parent.socket);
    expect((await patchSpace(teacher, roomId, { settings: { parentsRead: false } })).status).toBe(200);
    const heard = nextEvent<ChatMessageView>(barrier.socket, 'chat:message', (message) => message.body === 'Entre élèves', 10_000);
    expect((await send(sender.socket, roomId, 'Entre élèves')).ok).toBe(true);
    await heard;
    expect(await reconnect(parent.socket)).toBe('connected');
    expect(parent.socket.recovered).toBe(false);
    // A message after the reconnection, heard by the barrier on the same node: the parent would have had it by then.
    const after = nextEvent<ChatMessageView>(barrier.socket, 'chat:message', (message) => message.body === 'Toujours entre élèves', 10_000);
    expect((await send(sender.socket, roomId, 'Toujours entre élèves')).ok).toBe(true);
    await after;
    expect(frames.filter((frame) => frame.includes('entre élèves') || frame.includes('Entre élèves'))).toEqual([]);
  });

  it('a pupil suspended while disconnected is not recovered: refused, and nothing of the room in any frame', async () => {
    const roomId = await chatRoom('Suspension');
    const pupil = await memberOf(1, roomId, 'maelys.traore');
    const sender = await memberOf(0, roomId, PERSONA_LOGINS.pupil);
    const id = (await pupil.browser.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const frames = watchFrames(pupil.socket);
    await dropTransport(pupil.socket);
    expect((await send(sender.socket, roomId, 'Message manqué')).ok).toBe(true);
    expect((await director.post(`/api/admin/users/${id}/suspend`, { reason: 'Test de reprise après suspension' })).status).toBe(200);
    expect(await reconnect(pupil.socket)).toBe('refused');
    expect(frames.filter((frame) => frame.includes('Message manqué'))).toEqual([]);
  });
});
