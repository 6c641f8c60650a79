import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisClock } from '../../../shared/chat/hours';
import type { ChatMessageView } from '../../../shared/chat/types';
import { RATE_LIMITS } from '../../../shared/ratelimit/limits';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import type { Browser } from '../../helpers/http';
import { auditTotal, emit, inRoom, newRoom, nextEvent, ok, patchRoom, send, storedDocs } from './support';

const trySend = (socket: Socket, roomId: string, body = 'coucou') => emit<{ message: ChatMessageView }>(socket, 'chat:send', { roomId, key: crypto.randomUUID(), body });

describe('chat rules enforced by the server', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let chloe: Browser;
  const sockets: Socket[] = [];
  const join = async (browser: Browser, roomId: string) => {
    const joined = await inRoom(server, browser, roomId);
    sockets.push(joined.socket);
    return joined;
  };
  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    chloe = await signedIn(server, 'chloe.nguyen');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('mutes a pupil for a duration: MUTED on send, told live, audited; lifted by unmute', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    const { socket: teacher } = await join(world.browsers.teacher, roomId);
    const { socket: pupil } = await join(chloe, roomId);
    const chloeId = (await chloe.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const told = nextEvent<{ until: number | null }>(pupil, 'chat:muted');
    const before = await auditTotal(world.browsers.director, 'event=access.denied');
    const mute = ok(await emit<{ mute: { until: number } }>(teacher, 'chat:mute', { roomId, userId: chloeId, minutes: 5 })).mute;
    expect(mute.until - Date.now()).toBeGreaterThan(4 * 60_000);
    expect((await told).until).toBe(mute.until);
    expect(await trySend(pupil, roomId)).toMatchObject({ ok: false, code: 'MUTED' });
    expect(await emit(pupil, 'chat:typing', { roomId })).toMatchObject({ ok: true, data: { relayed: false } });
    expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 1);
    // The one mute event, whichever screen muted (the chat's own `chat.user_muted` is gone).
    expect(await auditTotal(world.browsers.director, `event=moderation.mute&spaceId=${roomId}`)).toBe(1);
    const rejoined = await join(chloe, roomId);
    expect(rejoined.joined.me.mutedUntil).toBe(mute.until);
    const teacherView = await join(world.browsers.teacher, roomId);
    expect(teacherView.joined.mutes.map((m) => m.userId)).toEqual([chloeId]);
    ok(await emit(teacher, 'chat:unmute', { roomId, userId: chloeId }));
    expect(await auditTotal(world.browsers.director, `event=moderation.unmute&spaceId=${roomId}`)).toBe(1);
    expect(await trySend(pupil, roomId)).toMatchObject({ ok: true });
  });

  it('mutes of the same pupil at once (teachers’ and the director’s tabs): no DuplicateKeyError, exactly one mute', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    // Two tabs each for the teacher and the director, all muting Léa at the same moment.
    const moderators = [
      ...(await Promise.all([1, 2].map(() => join(world.browsers.teacher, roomId)))),
      ...(await Promise.all([1, 2].map(() => join(world.browsers.director, roomId)))),
    ].map(({ socket }) => socket);
    const answers = await Promise.all(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => emit<{ mute: { until: number } }>(moderators[i % moderators.length]!, 'chat:mute', { roomId, userId: world.ids.pupil, minutes: 5 + i })),
    );
    // Each answer is a success, or a clean refusal: never INTERNAL (the old replace-then-insert raced into a duplicate key).
    for (const answer of answers) expect(answer.ok || answer.code === 'CONFLICT', JSON.stringify(answer)).toBe(true);
    expect(answers.some((answer) => answer.ok)).toBe(true);
    const stored = await storedDocs<{ until: number }>(server, 'mutes', { spaceId: roomId, userId: world.ids.pupil });
    expect(stored).toHaveLength(1);
    expect(answers.filter((answer) => answer.ok).map((answer) => (answer.ok ? answer.data.mute.until : 0))).toContain(stored[0]!.until);
    // One `moderation.mute` event per mute that took effect, none for a refused one.
    expect(await auditTotal(world.browsers.director, `event=moderation.mute&spaceId=${roomId}`)).toBe(answers.filter((answer) => answer.ok).length);
    ok(await emit(moderators[0]!, 'chat:unmute', { roomId, userId: world.ids.pupil }));
    expect(await storedDocs(server, 'mutes', { spaceId: roomId, userId: world.ids.pupil })).toHaveLength(0);
  });

  it('never mutes a teacher or the director, and lets no pupil mute', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    const { socket: director } = await join(world.browsers.director, roomId);
    const { socket: pupil } = await join(world.browsers.pupil, roomId);
    expect(await emit(director, 'chat:mute', { roomId, userId: world.ids.teacher, minutes: 5 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await emit(pupil, 'chat:mute', { roomId, userId: world.ids.pupilModerator, minutes: 5 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('applies slow mode to pupils, not to the teacher', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId, { slowModeSeconds: 30 });
    const { socket: pupil } = await join(world.browsers.pupil, roomId);
    const { socket: teacher } = await join(world.browsers.teacher, roomId);
    expect(await trySend(pupil, roomId)).toMatchObject({ ok: true });
    const second = await trySend(pupil, roomId);
    expect(second).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(second.ok ? '' : second.message).toMatch(/Slow mode/);
    expect(await trySend(teacher, roomId)).toMatchObject({ ok: true });
    expect(await trySend(teacher, roomId)).toMatchObject({ ok: true });
    // Two sends at once (two tabs) cannot both slip through.
    const { socket: other } = await join(chloe, roomId);
    const both = await Promise.all([trySend(other, roomId, 'un'), trySend(other, roomId, 'deux')]);
    expect(both.filter((answer) => answer.ok)).toHaveLength(1);
  });

  it('keeps a closed room readable, and writable by its teacher only', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    const { socket: pupil } = await join(world.browsers.pupil, roomId);
    const { socket: teacher } = await join(world.browsers.teacher, roomId);
    const updated = nextEvent<{ settings: { open: boolean } }>(pupil, 'space:updated');
    expect((await patchRoom(world.browsers.teacher, roomId, { settings: { open: false } })).status).toBe(200);
    expect((await updated).settings.open).toBe(false);
    expect(await trySend(pupil, roomId)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await trySend(teacher, roomId)).toMatchObject({ ok: true });
    expect(ok(await emit<{ messages: unknown[] }>(pupil, 'chat:history', { roomId })).messages).toHaveLength(1);
    expect((await patchRoom(world.browsers.pupil, roomId, { settings: { open: true } })).status).toBe(403);
    await patchRoom(world.browsers.teacher, roomId, { settings: { open: true } });
    expect(await trySend(pupil, roomId)).toMatchObject({ ok: true });
  });

  it('enforces opening hours in Paris time', async () => {
    const now = parisClock(Date.now());
    const otherDay = (now.day % 7) + 1;
    const closedNow = await newRoom(world.browsers.teacher, world.classId, { openingHours: [{ day: otherDay, from: '00:00', to: '23:59' }] });
    const openNow = await newRoom(world.browsers.teacher, world.classId, { openingHours: [{ day: now.day, from: '00:00', to: '23:59' }, { day: otherDay, from: '00:00', to: '23:59' }] });
    const { socket: pupil } = await join(world.browsers.pupil, closedNow);
    await join(world.browsers.pupil, openNow).then(({ socket }) => socket.close());
    expect(await trySend(pupil, closedNow)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await trySend(pupil, openNow)).toMatchObject({ ok: true });
    const invalid = await patchRoom(world.browsers.teacher, openNow, { settings: { openingHours: [{ day: 1, from: '18:00', to: '08:00' }] } });
    expect(invalid.status).toBe(400);
  });

  it('throttles a flood with the chat flood limit (RATE_LIMITED with the wait), and others still chat', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    // A pupil who has not sent anything yet: the bucket is per user.
    const { socket: flooder } = await join(await signedIn(server, 'mamadou.diallo'), roomId);
    const { socket: other } = await join(chloe, roomId);
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => trySend(flooder, roomId, `spam ${i}`)));
    const accepted = answers.filter((answer) => answer.ok).length;
    // One window's points, or two if the burst straddled a window's end.
    expect(accepted).toBeGreaterThanOrEqual(RATE_LIMITS.chatWrite.points);
    expect(accepted).toBeLessThanOrEqual(2 * RATE_LIMITS.chatWrite.points);
    const refused = answers.filter((answer) => !answer.ok && answer.code === 'RATE_LIMITED');
    expect(refused.length).toBe(200 - accepted);
    for (const answer of refused) expect(answer.ok ? 0 : answer.retryAfterMs).toBeGreaterThan(0);
    expect((await send(other, roomId, 'je peux encore écrire')).body).toBe('je peux encore écrire');
  });
});
