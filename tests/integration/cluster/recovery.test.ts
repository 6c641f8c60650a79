import type { Socket } from 'socket.io-client';
import { expect, it } from 'vitest';
import type { ChatMessageView } from '../../../shared/chat/types';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { nextEvent } from '../../helpers/sockets';
import { patchSpace } from '../pad/support';
import { UNLIMITED_CHAT, useClassCluster } from './support';

/**
 * Socket.IO's connection state recovery across nodes (the Redis Streams adapter keeps a disconnected socket's rooms
 * and the packets sent to them): a short disconnection loses nothing, but a recovery never hands a socket what its
 * user may no longer read. The adapter sends the missed packets as soon as it restores a session, before the
 * handshake is authenticated, so every frame the client receives is watched, not only the events it emits.
 */
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
  const { teacher, director, chatRoom, chatMember, send } = useClassCluster({ nodes: 2, env: { RATE_LIMITS: JSON.stringify(UNLIMITED_CHAT) } });

  it('a short disconnection is recovered: the socket is back in its room and gets the message it missed', async () => {
    const roomId = await chatRoom('Reprise');
    const pupil = await chatMember(1, roomId, 'jade.lefevre');
    const sender = await chatMember(0, roomId, PERSONA_LOGINS.pupil);
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
    const parent = await chatMember(1, roomId, PERSONA_LOGINS.parent);
    const barrier = await chatMember(1, roomId, 'noah.kowalski');
    const sender = await chatMember(0, roomId, PERSONA_LOGINS.pupil);
    const frames = watchFrames(parent.socket);
    await dropTransport(parent.socket);
    expect((await patchSpace(teacher(), roomId, { settings: { parentsRead: false } })).status).toBe(200);
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
    const pupil = await chatMember(1, roomId, 'maelys.traore');
    const sender = await chatMember(0, roomId, PERSONA_LOGINS.pupil);
    const id = (await pupil.browser.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const frames = watchFrames(pupil.socket);
    await dropTransport(pupil.socket);
    expect((await send(sender.socket, roomId, 'Message manqué')).ok).toBe(true);
    expect((await director().post(`/api/admin/users/${id}/suspend`, { reason: 'Test de reprise après suspension' })).status).toBe(200);
    expect(await reconnect(pupil.socket)).toBe('refused');
    expect(frames.filter((frame) => frame.includes('Message manqué'))).toEqual([]);
  });
});
