/**
 * The load clients of `bench:wall` (`BENCH_WALL_WORKER=1`), in child processes so that the server's CPU is
 * measured alone. Each process owns whole walls, so that the senders and receivers of one wall share a clock:
 * every client sends one operation per second (90 % moves, 10 % new cards), each at its own phase, and records
 * when the others' changes reach it.
 */
import { io, type Socket } from 'socket.io-client';
import type { WallChange } from '../../shared/wall/events';
import type { WallCard } from '../../shared/wall/types';
import { preciseNow, recordLatency, type Histogram } from '../support';

export interface WallPlan {
  spaceId: string;
  cardIds: string[];
  /** The cookie of each client of this wall: one pupil each, with their own session. */
  cookies: string[];
}

export type ToWallClients = { type: 'plan'; url: string; walls: WallPlan[] } | { type: 'start' } | { type: 'stop' };
export type FromWallClients =
  | { type: 'ready'; sockets: number }
  | { type: 'done'; broadcast: Histogram; ack: Histogram; sent: number; acked: number; failed: number; errors: Record<string, number> };

/** A client's socket with the token of its last operation (its own change is not a delivery to measure). */
type ClientSocket = Socket & { lastToken?: string };

/** The worker process: connects its walls' clients, then runs between `start` and `stop`. */
export function runWallClients(): void {
  const send = (message: FromWallClients) => process.send!(message);
  const broadcast: Histogram = {};
  const ack: Histogram = {};
  const errors: Record<string, number> = {};
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let running = false;
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const starts: (() => void)[] = [];
  /** token → when it was sent. */
  const pending = new Map<string, number>();

  const connect = async (url: string, wall: WallPlan, cards: string[], cookie: string): Promise<void> => {
    const socket: ClientSocket = io(url, { transports: ['websocket'], reconnection: false, extraHeaders: { Cookie: cookie, Origin: url } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const joined = (await socket.timeout(30_000).emitWithAck('space:join', { spaceId: wall.spaceId })) as { ok: boolean; code?: string };
    if (!joined.ok) throw new Error(`join refused: ${joined.code}`);
    // Every client measures when a change reaches it, except for its own operations.
    const seen = new Set<string>();
    const onCard = (card: WallCard): void => {
      if (!running) return;
      // A move is known by the unique order it set; a new card by its unique title, the first time only.
      const moveToken = `${card.id}:${card.order}`;
      const token = pending.has(moveToken) ? moveToken : !seen.has(card.id) && card.title.startsWith('bench-') ? card.title : null;
      seen.add(card.id);
      const at = token === null ? undefined : pending.get(token);
      if (at !== undefined && socket.lastToken !== token) recordLatency(broadcast, preciseNow() - at);
      if (card.title.startsWith('bench-') && !cards.includes(card.id)) cards.push(card.id);
    };
    socket.on('wall:card', onCard);
    // Several changes in one frame: each entry is a delivery, with its own latency (the frame's arrival).
    socket.on('wall:changes', (changes: WallChange[]) => {
      for (const change of changes) if (change.event === 'wall:card') onCard(change.data);
    });
    sockets.push(socket);
    const tick = () => {
      if (!running) return;
      sent += 1;
      const started = preciseNow();
      let payload: Record<string, unknown>;
      let event: string;
      let token: string;
      if (Math.random() < 0.1) {
        token = `bench-${process.pid}-${sent}`;
        event = 'wall:card:create';
        payload = { spaceId: wall.spaceId, title: token, color: 'jaune' };
      } else {
        const cardId = cards[Math.floor(Math.random() * cards.length)]!;
        const order = Math.random() * 1e9;
        token = `${cardId}:${order}`;
        event = 'wall:card:move';
        payload = { spaceId: wall.spaceId, cardId, order, position: { x: Math.floor(Math.random() * 2000), y: Math.floor(Math.random() * 1200) } };
      }
      pending.set(token, started);
      setTimeout(() => pending.delete(token), 10_000).unref();
      socket.lastToken = token;
      socket
        .timeout(10_000)
        .emitWithAck(event, payload)
        .then(
          (answer: { ok: boolean; code?: string }) => {
            if (answer.ok) {
              acked += 1;
              recordLatency(ack, preciseNow() - started);
            } else {
              failed += 1;
              errors[answer.code ?? '?'] = (errors[answer.code ?? '?'] ?? 0) + 1;
            }
          },
          () => {
            failed += 1;
            errors.TIMEOUT = (errors.TIMEOUT ?? 0) + 1;
          },
        );
    };
    // One operation per second, each client at its own phase.
    starts.push(() => {
      const loop = (): void => {
        tick();
        if (running) timers.push(setTimeout(loop, 1_000));
      };
      timers.push(setTimeout(loop, Math.random() * 1_000));
    });
  };

  process.on('message', (message: ToWallClients) => {
    if (message.type === 'plan') {
      void (async () => {
        for (const wall of message.walls) {
          const cards = [...wall.cardIds];
          await Promise.all(wall.cookies.map((cookie) => connect(message.url, wall, cards, cookie)));
        }
        send({ type: 'ready', sockets: sockets.length });
      })().catch((error: unknown) => {
        console.error('wall load clients:', error);
        process.exit(1);
      });
    } else if (message.type === 'start') {
      running = true;
      for (const start of starts) start();
    } else {
      running = false;
      for (const timer of timers) clearTimeout(timer);
      // Let in-flight acks land.
      setTimeout(() => {
        send({ type: 'done', broadcast, ack, sent, acked, failed, errors });
        for (const socket of sockets) socket.close();
        setTimeout(() => process.exit(0), 200);
      }, 1_500);
    }
  });
}
