import type { Socket } from 'socket.io-client';
import { expect, it } from 'vitest';
import type { ChatMessageView } from '../../../shared/chat/types';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { nextEvent } from '../../helpers/sockets';
import { patchSpace } from '../pad/support';
import { UNLIMITED_CHAT, useClassCluster } from './support';

/**
 * Redis is shared by every node; when it pauses, drops its connections or restarts (its data lost), Préau loses
 * nothing that was sent meanwhile: room events and invalidations are queued on their node and go out when Redis is
 * back, each node reads on from its position, and a node that lost its connection resynchronises its caches.
 */
/** Generous: the events wait for Redis to come back (3 s frozen, or a restart), on a loaded machine. */
const AFTER_OUTAGE_MS = 20_000;

describeRedis('Redis outages under three nodes', () => {
  const { cluster, teacher, chatRoom, chatMember, send } = useClassCluster({ nodes: 3, env: { RATE_LIMITS: JSON.stringify(UNLIMITED_CHAT) } });
  const heard = (socket: Socket, body: string) => nextEvent<ChatMessageView>(socket, 'chat:message', (message) => message.body === body, AFTER_OUTAGE_MS);
  const toldLocked = (socket: Socket, roomId: string) => nextEvent<SpaceSummary>(socket, 'space:updated', (space) => space.id === roomId && space.locked, AFTER_OUTAGE_MS);

  /** A room with a sender on node 1 and listeners on nodes 2 and 3. */
  async function roomAcrossNodes(title: string): Promise<{ roomId: string; sender: Socket; listeners: Socket[] }> {
    const roomId = await chatRoom(title);
    const sender = (await chatMember(0, roomId, PERSONA_LOGINS.pupil)).socket;
    const listeners = [(await chatMember(1, roomId, 'gabriel.dubois')).socket, (await chatMember(2, roomId, 'louis.garnier')).socket];
    return { roomId, sender, listeners };
  }

  it('Redis frozen for 3 s: a message and a lock made meanwhile reach nodes 2 and 3 when it wakes', async () => {
    const { roomId, sender, listeners } = await roomAcrossNodes('Gel');
    const arrivals = listeners.map((socket) => heard(socket, 'Pendant le gel'));
    const locks = listeners.map((socket) => toldLocked(socket, roomId));
    const frozen = cluster().redis.pause(3_000);
    const sent = send(sender, roomId, 'Pendant le gel', AFTER_OUTAGE_MS);
    const locked = patchSpace(teacher(), roomId, { locked: true });
    await frozen;
    expect((await sent).ok).toBe(true);
    expect((await locked).status).toBe(200);
    await Promise.all([...arrivals, ...locks]);
    expect(await send(listeners[0]!, roomId, 'Verrouillé ?')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('the adapter’s and the invalidation stream’s connections killed: what follows still crosses nodes', async () => {
    const { roomId, sender, listeners } = await roomAcrossNodes('Coupure');
    const killed = (await cluster().redis.clientKill(/name=preau:adapter/)) + (await cluster().redis.clientKill(/name=preau:invalidation/));
    expect(killed).toBeGreaterThanOrEqual(3 * 2);
    const arrivals = listeners.map((socket) => heard(socket, 'Après la coupure'));
    expect((await send(sender, roomId, 'Après la coupure')).ok).toBe(true);
    await Promise.all(arrivals);
    const locks = listeners.map((socket) => toldLocked(socket, roomId));
    expect((await patchSpace(teacher(), roomId, { locked: true })).status).toBe(200);
    await Promise.all(locks);
  });

  it('a socket dropped while the adapter’s connections are killed is recovered, with the message it missed', async () => {
    const { roomId, sender, listeners } = await roomAcrossNodes('Reprise');
    const dropped = listeners[0]!;
    const gone = new Promise<void>((resolve) => dropped.once('disconnect', () => resolve()));
    dropped.io.engine.close();
    await gone;
    await cluster().redis.clientKill(/name=preau:adapter/);
    expect((await send(sender, roomId, 'Pendant ton absence')).ok).toBe(true);
    const missed = heard(dropped, 'Pendant ton absence');
    await new Promise<void>((resolve, reject) => {
      dropped.once('connect', () => resolve());
      dropped.once('connect_error', reject);
      dropped.connect();
    });
    expect(dropped.recovered).toBe(true);
    await missed;
  });

  it('Redis restarted, its data lost: a message sent during the restart and a lock after it reach every node', async () => {
    const { roomId, sender, listeners } = await roomAcrossNodes('Redémarrage');
    const arrivals = listeners.map((socket) => heard(socket, 'Pendant le redémarrage'));
    const restarted = cluster().redis.restart();
    const sent = send(sender, roomId, 'Pendant le redémarrage', AFTER_OUTAGE_MS);
    await restarted;
    expect((await sent).ok).toBe(true);
    await Promise.all(arrivals);
    const locks = listeners.map((socket) => toldLocked(socket, roomId));
    expect((await patchSpace(teacher(), roomId, { locked: true })).status).toBe(200);
    await Promise.all(locks);
    for (const socket of [sender, ...listeners]) expect(socket.connected).toBe(true);
  });
});
