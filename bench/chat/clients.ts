/**
 * The load clients of `bench:chat` (`--role=clients`), in child processes so that the server's CPU is measured
 * alone. Each process owns whole rooms: every member of a room sends one message every `intervalMs` (each at its
 * own phase) and records, for every message of its room that reaches it, the latency from the send time written
 * in its body. Only messages sent inside the measured window count; the same code drives Préau and the relay.
 * Given the nodes behind a load balancer (`bench:cluster`), each socket's node is found once connected and written
 * in its messages, so each delivery is counted as same-node or cross-node as well.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { nodeOfEngineSession } from '../cluster/placement';
import { preciseNow, recordLatency, type Histogram } from '../support';

export interface ChatRoomPlan {
  roomId: string;
  /** One socket per member; each member's own session cookie (none for the relay). */
  members: { cookie: string | null }[];
}

export type ToClients =
  /** `nodes`: the direct URLs of the nodes behind `url`, to place each socket on its node. */
  | { type: 'plan'; url: string; rooms: ChatRoomPlan[]; nodes?: string[] }
  /** Sending starts at `startAt`; messages sent in [startAt + warmupMs, startAt + warmupMs + measureMs) are measured. */
  | { type: 'go'; startAt: number; warmupMs: number; measureMs: number; intervalMs: number };

export type FromClients =
  | { type: 'connected'; sockets: number; socketsPerNode?: number[] }
  | {
      type: 'result';
      latency: Histogram;
      /** With `nodes`: the same deliveries, by whether the sender's socket was on the receiver's node. */
      sameNode?: Histogram;
      crossNode?: Histogram;
      /** Messages sent in the window, acknowledged, refused (by code), and deliveries expected and received. */
      sent: number;
      acked: number;
      refused: Record<string, number>;
      expected: number;
      delivered: number;
    };

/** Connections opened at once per process (a school's morning, not a stampede). */
const CONNECT_CONCURRENCY = 50;
/** After the window, how long late deliveries are waited for. */
const DRAIN_MS = 3_000;
const ACK_TIMEOUT_MS = 10_000;

async function join(url: string, roomId: string, cookie: string | null): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, extraHeaders: cookie ? { Cookie: cookie, Origin: url } : {} });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  for (const [event, payload] of [
    ['space:join', { spaceId: roomId }],
    ['chat:join', { roomId }],
  ] as const) {
    const answer = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as { ok: boolean; code?: string };
    if (!answer.ok) throw new Error(`${event} refused: ${answer.code}`);
  }
  return socket;
}

/** The `--role=clients` process. */
export function runChatClients(): void {
  const send = (message: FromClients): void => void process.send!(message);
  // The benchmark went away (interrupted): its load clients go too.
  process.once('disconnect', () => process.exit(0));
  const members: { socket: Socket; roomId: string; roomSize: number; node: number }[] = [];
  const latency: Histogram = {};
  const sameNode: Histogram = {};
  const crossNode: Histogram = {};
  let placed = false;
  const refused: Record<string, number> = {};
  let sent = 0;
  let acked = 0;
  let expected = 0;
  let delivered = 0;
  let span = { from: Number.POSITIVE_INFINITY, to: Number.NEGATIVE_INFINITY };

  process.on('message', (message: ToClients) => {
    if (message.type === 'plan') {
      void (async () => {
        const todo = message.rooms.flatMap((room) => room.members.map((member) => ({ roomId: room.roomId, roomSize: room.members.length, cookie: member.cookie })));
        for (let i = 0; i < todo.length; i += CONNECT_CONCURRENCY) {
          const opened = await Promise.all(
            todo.slice(i, i + CONNECT_CONCURRENCY).map(async (member) => {
              const socket = await join(message.url, member.roomId, member.cookie);
              return { ...member, socket, node: message.nodes ? await nodeOfEngineSession(socket.io.engine.id, message.nodes) : -1 };
            }),
          );
          members.push(...opened);
        }
        placed = message.nodes !== undefined;
        for (const { socket, node } of members) {
          socket.on('chat:message', (received: { body?: string }) => {
            const [stamp, from] = received.body?.split(' ', 2) ?? [];
            const sentAt = Number(stamp);
            if (!(sentAt >= span.from && sentAt < span.to)) return;
            delivered += 1;
            const ms = preciseNow() - sentAt;
            recordLatency(latency, ms);
            if (placed) recordLatency(from === `n${node}` ? sameNode : crossNode, ms);
          });
        }
        const socketsPerNode = message.nodes?.map((_, n) => members.filter((member) => member.node === n).length);
        send({ type: 'connected', sockets: members.length, ...(socketsPerNode ? { socketsPerNode } : {}) });
      })().catch((error: unknown) => {
        console.error('chat load clients:', error);
        process.exit(1);
      });
      return;
    }
    const { startAt, warmupMs, measureMs, intervalMs } = message;
    span = { from: startAt + warmupMs, to: startAt + warmupMs + measureMs };
    for (const member of members) {
      // Each member at its own phase, then one message every interval, on a schedule that does not drift.
      let next = startAt + Math.random() * intervalMs;
      const tick = (): void => {
        const at = preciseNow();
        if (at >= span.to) return;
        const measured = at >= span.from;
        if (measured) {
          sent += 1;
          expected += member.roomSize;
        }
        member.socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('chat:send', { roomId: member.roomId, key: randomUUID(), body: `${at}${placed ? ` n${member.node}` : ''} Bonjour la classe, voici ma réponse.` })
          .then(
            (answer: { ok: boolean; code?: string }) => {
              if (!measured) return;
              if (answer.ok) acked += 1;
              else refused[answer.code ?? '?'] = (refused[answer.code ?? '?'] ?? 0) + 1;
            },
            () => {
              if (measured) refused.TIMEOUT = (refused.TIMEOUT ?? 0) + 1;
            },
          );
        next += intervalMs;
        setTimeout(tick, Math.max(0, next - preciseNow()));
      };
      setTimeout(tick, Math.max(0, next - preciseNow()));
    }
    setTimeout(
      () => {
        send({ type: 'result', latency, ...(placed ? { sameNode, crossNode } : {}), sent, acked, refused, expected, delivered });
        for (const { socket } of members) socket.close();
        setTimeout(() => process.exit(0), 200);
      },
      Math.max(0, span.to - preciseNow()) + DRAIN_MS,
    );
  });
}
