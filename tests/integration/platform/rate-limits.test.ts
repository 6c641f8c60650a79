/**
 * The socket floods of issue 12, replayed as a hostile pupil would: raw Socket.IO clients emitting as fast as
 * the loopback allows. Limits are injected small, with windows far longer than the test (RATE_LIMITS), so that
 * nothing here waits for a window to end.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../../shared/realtime/ack';
import type { WallCard } from '../../../shared/wall/types';
import { WALL_MAX_CARDS } from '../../../shared/wall/limits';
import type { Browser } from '../../helpers/http';
import { usePersonaWorld } from '../../helpers/personas';
import { openSocket, signedIn } from '../../helpers/sockets';
import { inRoom, newRoom } from '../chat/support';
import { createWall, doc, fullSync, joinWall, must, postCard } from '../wall/support';

const WINDOW_SECONDS = 600;
const LIMITS = {
  wallCardCreate: { points: 20, durationSeconds: WINDOW_SECONDS },
  wallCardMove: { points: 30, durationSeconds: WINDOW_SECONDS },
  socketPing: { points: 10, durationSeconds: WINDOW_SECONDS },
  socketEvent: { points: 600, durationSeconds: WINDOW_SECONDS },
  chatWrite: { points: 3, durationSeconds: WINDOW_SECONDS },
};

type Answer<T = unknown> = Ack<T>;

function ask<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<Answer<T>> {
  return socket.timeout(30_000).emitWithAck(event, payload) as Promise<Answer<T>>;
}

/** Emits `count` events at once, as a script would, and resolves with every ack. */
function burst<T = unknown>(socket: Socket, count: number, event: string, payload: (i: number) => unknown): Promise<Answer<T>[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => ask<T>(socket, event, payload(i))));
}

/** The refusals among answers, each checked to be RATE_LIMITED with a wait within the window. */
function refusalsOf(answers: Answer[]): Answer[] {
  const refused = answers.filter((answer) => !answer.ok);
  for (const answer of refused) {
    expect(answer).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    if (!answer.ok) {
      expect(answer.retryAfterMs).toBeGreaterThan(0);
      expect(answer.retryAfterMs).toBeLessThanOrEqual(WINDOW_SECONDS * 1000);
    }
  }
  return refused;
}

const okCount = (answers: Answer[]): number => answers.filter((answer) => answer.ok).length;

describe('rate limits on every socket event, per user, across sockets and reconnections', () => {
  const { server, world } = usePersonaWorld({ env: { RATE_LIMITS: JSON.stringify(LIMITS) } });
  let spaceId: string;
  /** A well-behaved pupil on the wall, whose view the floods must not spoil. */
  let classmate: Socket;
  const sockets: Socket[] = [];
  const browsers = new Map<string, Browser>();
  const pupil = async (login: string): Promise<Browser> => {
    const browser = browsers.get(login) ?? (await signedIn(server(), login));
    browsers.set(login, browser);
    return browser;
  };
  const onWall = async (login: string): Promise<Socket> => {
    const socket = await joinWall(server(), await pupil(login), spaceId);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    spaceId = (await createWall(world().browsers.teacher, world().classId, { layout: 'canvas' })).id;
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('499 card creations in a burst are cut off at the limit, the wall is not filled, and the other pupils’ wall still works', async () => {
    const flooder = await onWall('mamadou.diallo');
    classmate = await onWall('chloe.nguyen');
    const answers = await burst<{ card: WallCard }>(flooder, 499, 'wall:card:create', (i) => ({ spaceId, title: `spam ${i}`, body: doc('spam') }));
    expect(okCount(answers)).toBe(LIMITS.wallCardCreate.points);
    expect(refusalsOf(answers)).toHaveLength(499 - LIMITS.wallCardCreate.points);
    // Nothing refused was stored: the wall holds the flooder's allowance, far from its cap.
    const state = await fullSync(classmate, spaceId);
    expect(state.cards.filter((card) => card.title.startsWith('spam '))).toHaveLength(LIMITS.wallCardCreate.points);
    expect(state.cards.length).toBeLessThan(WALL_MAX_CARDS);
    // The classmate posts, moves and reacts as usual.
    const { card } = await postCard(classmate, spaceId, { title: 'Mon idée' });
    expect(await ask(classmate, 'wall:card:move', { spaceId, cardId: card.id, position: { x: 40, y: 40 } })).toMatchObject({ ok: true });
    expect(await ask(classmate, 'wall:card:react', { spaceId, cardId: card.id, value: 1 })).toMatchObject({ ok: true });
  });

  it('a flood of moves is refused beyond the limit with the wait: neither audited nor broadcast, and others keep moving', async () => {
    const flooder = await onWall('ines.rodrigues');
    const observer = await onWall('gabriel.dubois');
    const { card } = await postCard(flooder, spaceId, { title: 'Ballotée' });
    // Moves broadcast the card at y = 77 (its creation's broadcast, which may arrive now, is not counted).
    let broadcasts = 0;
    observer.on('wall:card', (seen: WallCard) => {
      if (seen.id === card.id && seen.position?.y === 77) broadcasts += 1;
    });
    const movedBefore = await auditTotal(world().browsers.director, 'wall.card_moved');
    const answers = await burst(flooder, 1_000, 'wall:card:move', (i) => ({ spaceId, cardId: card.id, position: { x: i % 2_000, y: 77 } }));
    expect(okCount(answers)).toBe(LIMITS.wallCardMove.points);
    expect(refusalsOf(answers)).toHaveLength(1_000 - LIMITS.wallCardMove.points);
    expect((await auditTotal(world().browsers.director, 'wall.card_moved')) - movedBefore).toBe(LIMITS.wallCardMove.points);
    // A classmate's move, acked after the broadcasts of the accepted ones went out, is not delayed by the flood.
    const { card: other } = await postCard(observer, spaceId, { title: 'Tranquille' });
    expect(await ask(observer, 'wall:card:move', { spaceId, cardId: other.id, position: { x: 300, y: 300 } })).toMatchObject({ ok: true });
    expect(broadcasts).toBeLessThanOrEqual(LIMITS.wallCardMove.points);
  });

  it('system:ping floods are refused beyond the limit; a second socket, a reconnection or a new session do not reset it; another user is unaffected', async () => {
    const flooder = await pupil('jade.lefevre');
    const first = await openSocket(server(), flooder);
    sockets.push(first);
    const answers = await burst(first, 1_000, 'system:ping', () => ({ sentAt: Date.now() }));
    expect(okCount(answers)).toBe(LIMITS.socketPing.points);
    expect(refusalsOf(answers)).toHaveLength(1_000 - LIMITS.socketPing.points);

    // A second socket of the same session.
    const second = await openSocket(server(), flooder);
    sockets.push(second);
    expect(await ask(second, 'system:ping', { sentAt: 1 })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    // Both closed, then a reconnection.
    first.close();
    second.close();
    const reconnected = await openSocket(server(), flooder);
    sockets.push(reconnected);
    expect(await ask(reconnected, 'system:ping', { sentAt: 2 })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    // A brand-new session (signing in again, as from another computer).
    const elsewhere = await openSocket(server(), await signedIn(server(), 'jade.lefevre'));
    sockets.push(elsewhere);
    expect(await ask(elsewhere, 'system:ping', { sentAt: 3 })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });

    // Another pupil, on the same machine (same IP), is not affected.
    const other = await openSocket(server(), await pupil('noah.kowalski'));
    sockets.push(other);
    expect(await ask(other, 'system:ping', { sentAt: 4 })).toMatchObject({ ok: true, data: { sentAt: 4 } });
  });

  it('the default limit covers every event, unknown ones too; events sent without an ack are counted and dropped', async () => {
    const flooder = await onWall('maelys.traore');
    // Without acks: nothing is answered, and beyond the limits nothing is done.
    for (let i = 0; i < 100; i += 1) flooder.emit('wall:card:create', { spaceId, title: `sans accusé ${i}`, body: doc('x') });
    // The same socket's next event (an ack this time) finds the allowance spent by those.
    expect(await ask(flooder, 'wall:card:create', { spaceId, title: 'une de plus', body: doc('x') })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    await expect.poll(async () => (await fullSync(classmate, spaceId)).cards.filter((card) => card.title.startsWith('sans accusé')).length).toBe(LIMITS.wallCardCreate.points);

    // Unknown events spend the default limit: once it is spent, every event of this user is refused.
    const noise = await burst(flooder, LIMITS.socketEvent.points, 'no:such-event', () => ({}));
    expect(noise.some((answer) => !answer.ok && answer.code === 'RATE_LIMITED')).toBe(true);
    expect(await ask(flooder, 'wall:sync', { spaceId, sinceSeq: 0 })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(await must(classmate, 'wall:sync', { spaceId, sinceSeq: 0 })).toBeTruthy();
  });

  it('chat flood control is spent by new messages only, per user on every socket: a retry of a stored message is answered', async () => {
    const roomId = await newRoom(world().browsers.teacher, world().classId);
    const [a, b] = await Promise.all([inRoom(server(), await pupil('timeo.lambert'), roomId), inRoom(server(), await pupil('timeo.lambert'), roomId)]);
    sockets.push(a.socket, b.socket);
    const send = (socket: Socket, key: string) => ask(socket, 'chat:send', { roomId, key, body: `message ${key}` });
    const keys = Array.from({ length: LIMITS.chatWrite.points }, () => crypto.randomUUID());
    // The allowance, spent from two sockets of the same pupil.
    for (const [i, key] of keys.entries()) expect(await send(i % 2 === 0 ? a.socket : b.socket, key)).toMatchObject({ ok: true });
    // Retries of stored messages (a lost ack, from either socket) are answered with them, not refused.
    for (const key of keys) expect(await send(b.socket, key)).toMatchObject({ ok: true, data: { duplicate: true } });
    // A new message is refused with the wait, on either socket.
    const refused = await send(a.socket, crypto.randomUUID());
    expect(refused).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(refused.ok ? 0 : refused.retryAfterMs).toBeGreaterThan(0);
    expect(await send(b.socket, crypto.randomUUID())).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });
});

/** How many entries of an event the school's log holds (read by the director). */
async function auditTotal(director: Browser, event: string): Promise<number> {
  return (await director.get<{ total: number }>(`/api/audit?event=${event}&pageSize=1`)).body.total;
}
