import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_HISTORY_PAGE_SIZE } from '../../../shared/chat/limits';
import type { ChatHistoryPage, ChatMessageView, ChatRoomSummary } from '../../../shared/chat/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import type { Browser } from '../../helpers/http';
import { ageDocument, auditItems, collect, emit, inRoom, nextEvent, ok, openClassRoom, patchRoom, send, CHAT_TEST_SERVER } from './support';

describe('class chat', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let room: ChatRoomSummary;
  let chloe: Browser;
  const sockets: Socket[] = [];
  const join = async (browser: Browser) => {
    const joined = await inRoom(server, browser, room.id);
    sockets.push(joined.socket);
    return joined;
  };
  beforeAll(async () => {
    server = await startServer(CHAT_TEST_SERVER);
    world = await personaWorld(server);
    chloe = await signedIn(server, 'chloe.nguyen');
    room = await openClassRoom(world.browsers.teacher, world.classId);
    // Parents read the class chat only once its teacher opens it to them: this class's teacher did, so the tests
    // below follow messages to a parent too (tests/integration/chat/parents.test.ts covers the default).
    expect((await patchRoom(world.browsers.teacher, room.id, { settings: { parentsRead: true } })).status).toBe(200);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('opens one room per class, whoever opens it and however often', async () => {
    const again = await Promise.all([openClassRoom(world.browsers.teacher, world.classId), openClassRoom(world.browsers.director, world.classId)]);
    expect(again.map((r) => r.id)).toEqual([room.id, room.id]);
    expect(room).toMatchObject({ kind: 'chat', classRoom: true, scope: { kind: 'class', classId: world.classId } });
    const listed = await world.browsers.pupil.get<ChatRoomSummary[]>('/api/chat/rooms');
    expect(listed.body.filter((r) => r.classRoom).map((r) => r.id)).toEqual([room.id]);
    expect((await world.browsers.pupilOtherClass.get<ChatRoomSummary[]>('/api/chat/rooms')).body.map((r) => r.id)).not.toContain(room.id);
    expect((await world.browsers.teacher.post(`/api/chat/classes/nope/room`)).status).toBe(403);
    expect((await world.browsers.director.post(`/api/chat/classes/nope/room`)).status).toBe(404);
  });

  it('lets a teacher open group rooms besides the class room', async () => {
    const answer = await world.browsers.teacher.post<ChatRoomSummary>('/api/spaces', { kind: 'chat', title: 'Groupe lecture', scope: { kind: 'class', classId: world.classId } });
    expect(answer.status).toBe(201);
    const listed = (await world.browsers.pupil.get<ChatRoomSummary[]>('/api/chat/rooms')).body;
    expect(listed.find((r) => r.id === answer.body.id)).toMatchObject({ classRoom: false, title: 'Groupe lecture' });
  });

  it('delivers messages to everyone in the same order, with increasing seqs', async () => {
    const members = await Promise.all([world.browsers.pupil, world.browsers.pupilModerator, chloe, world.browsers.teacher, world.browsers.parent].map(join));
    const seen = members.map(({ socket }) => collect<ChatMessageView>(socket, 'chat:message'));
    const senders = members.slice(0, 4);
    await Promise.all(senders.map(({ socket }, i) => Promise.all([1, 2, 3].map((n) => send(socket, room.id, `message ${n} de ${i}`)))));
    await expect.poll(() => seen.map((list) => list.length)).toEqual([12, 12, 12, 12, 12]);
    const orders = seen.map((list) => list.map((message) => message.seq));
    for (const order of orders) expect(order).toEqual(orders[0]);
    expect([...orders[0]!].sort((a, b) => a - b)).toEqual(orders[0]);
  });

  it('pages history backwards with a seq cursor, and catches up after one', async () => {
    const { socket } = await join(world.browsers.director);
    const { socket: teacher } = await join(world.browsers.teacher);
    // Enough for more than a page (the flood control is raised for this file).
    for (let i = 0; i < CHAT_HISTORY_PAGE_SIZE; i += 1) {
      const sender = i % 2 === 0 ? socket : teacher;
      ok(await emit<{ message: ChatMessageView }>(sender, 'chat:send', { roomId: room.id, key: crypto.randomUUID(), body: `historique ${i}` }));
    }
    const { joined } = await join(world.browsers.pupil);
    expect(joined.messages).toHaveLength(CHAT_HISTORY_PAGE_SIZE);
    expect(joined.hasMore).toBe(true);
    expect(joined.messages.at(-1)!.body).toBe(`historique ${CHAT_HISTORY_PAGE_SIZE - 1}`);
    const older = ok(await emit<ChatHistoryPage>(socket, 'chat:history', { roomId: room.id, before: joined.messages[0]!.seq }));
    expect(older.messages.length).toBeGreaterThan(0);
    expect(older.messages.at(-1)!.seq).toBeLessThan(joined.messages[0]!.seq);
    const all = [...older.messages, ...joined.messages].map((message) => message.seq);
    expect(new Set(all).size).toBe(all.length);
    const newer = ok(await emit<ChatHistoryPage>(socket, 'chat:history', { roomId: room.id, after: joined.messages.at(-3)!.seq }));
    expect(newer.messages.map((message) => message.seq)).toEqual(joined.messages.slice(-2).map((message) => message.seq));
  });

  it('lets an author edit and delete their own message within the window, and nobody else', async () => {
    const { socket: lea } = await join(world.browsers.pupil);
    const { socket: other } = await join(chloe);
    const message = await send(lea, room.id, 'Bonjour tout le monde');
    const updated = nextEvent<ChatMessageView>(other, 'chat:updated', (m) => m.id === message.id);
    const edited = ok(await emit<{ message: ChatMessageView }>(lea, 'chat:edit', { roomId: room.id, messageId: message.id, body: 'Bonjour à tous' })).message;
    expect(edited).toMatchObject({ body: 'Bonjour à tous', edited: true });
    expect(await updated).toMatchObject({ body: 'Bonjour à tous', edited: true });
    expect(await emit(other, 'chat:edit', { roomId: room.id, messageId: message.id, body: 'piraté' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await emit(other, 'chat:delete', { roomId: room.id, messageId: message.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    await ageDocument(server, 'chat_messages', message.id, 6 * 60_000);
    expect(await emit(lea, 'chat:edit', { roomId: room.id, messageId: message.id, body: 'trop tard' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const fresh = await send(lea, room.id, 'Oups, erreur');
    const deleted = ok(await emit<{ message: ChatMessageView }>(lea, 'chat:delete', { roomId: room.id, messageId: fresh.id })).message;
    expect(deleted).toMatchObject({ status: 'deleted', removedBy: 'author', body: null });
  });

  it('shows removed messages as removed to pupils and parents, and the original to moderators', async () => {
    const { socket: lea } = await join(world.browsers.pupil);
    const { socket: parent } = await join(world.browsers.parent);
    const { socket: teacher } = await join(world.browsers.teacher);
    const message = await send(lea, room.id, 'Un message méchant');
    const toParent = nextEvent<ChatMessageView>(parent, 'chat:updated', (m) => m.id === message.id);
    const toTeacher = nextEvent<ChatMessageView>(teacher, 'chat:updated', (m) => m.id === message.id);
    const toldAuthor = nextEvent<{ code: string; params?: Record<string, string> }>(lea, 'notify');
    ok(await emit(teacher, 'chat:moderate', { roomId: room.id, messageId: message.id, action: 'delete', reasonCode: 'insulte' }));
    // The chat's menu goes through the moderation feature: the author is told why, one audit event is written.
    expect(await toldAuthor).toMatchObject({ code: 'moderation.delete', params: { reason: 'insulte', kind: 'chatMessage' } });
    expect((await auditItems(world.browsers.director, `event=moderation.delete&spaceId=${room.id}`)).map((entry) => entry.target.id)).toEqual([message.id]);
    expect(await toParent).toMatchObject({ status: 'deleted', removedBy: 'moderator', body: null });
    expect(await toTeacher).toMatchObject({ status: 'deleted', removedBy: 'moderator', body: 'Un message méchant' });
    const history = (await inRoom(server, chloe, room.id)).joined.messages.find((m) => m.id === message.id);
    expect(history).toMatchObject({ status: 'deleted', body: null });
    const teacherHistory = ok(await emit<ChatHistoryPage>(teacher, 'chat:history', { roomId: room.id })).messages.find((m) => m.id === message.id);
    expect(teacherHistory?.body).toBe('Un message méchant');
    ok(await emit(teacher, 'chat:moderate', { roomId: room.id, messageId: message.id, action: 'restore' }));
    expect(await emit(teacher, 'chat:moderate', { roomId: room.id, messageId: message.id, action: 'approve' })).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('holds a pupil’s personal information for a teacher’s review, flags an adult’s for moderators, and audits both', async () => {
    const { socket: lea } = await join(world.browsers.pupil);
    const { socket: teacher } = await join(world.browsers.teacher);
    const { socket: pupil2 } = await join(chloe);
    const pupilSaw = collect<ChatMessageView>(pupil2, 'chat:message');
    const toTeacher = nextEvent<ChatMessageView>(teacher, 'chat:message', (m) => m.body?.includes('06 12') ?? false);
    const sent = await send(lea, room.id, 'Appelle-moi au 06 12 34 56 78');
    // Its author learns it waits for a teacher; the flag's details stay with the moderators.
    expect(sent).toMatchObject({ status: 'pending', personalInfo: true, pii: [] });
    expect(await toTeacher).toMatchObject({ status: 'pending', personalInfo: true, pii: ['phone'] });
    const entries = await auditItems(world.browsers.director, `event=chat.message_sent&spaceId=${room.id}`);
    expect(entries.find((entry) => entry.target.id === sent.id)?.reason).toBe('personal information: phone (held for review)');
    const plain = await send(lea, room.id, 'Rendez-vous à 14h30 le 12/03/2025');
    const plainEntry = (await auditItems(world.browsers.director, `event=chat.message_sent&spaceId=${room.id}`)).find((entry) => entry.target.id === plain.id);
    expect(plainEntry?.reason).toBeNull();
    // An adult is responsible for what they write: published, flagged for the moderators only.
    const toPupil = nextEvent<ChatMessageView>(pupil2, 'chat:message', (m) => m.body?.includes('03 26') ?? false);
    const school = await send(teacher, room.id, 'Le secrétariat : 03 26 00 00 00');
    expect(school.status).toBe('published');
    expect((await toPupil).pii).toEqual([]);
    expect((await auditItems(world.browsers.director, `event=chat.message_sent&spaceId=${room.id}`)).find((entry) => entry.target.id === school.id)?.reason).toBe('personal information: phone');
    expect(pupilSaw.filter((m) => m.id === sent.id)).toEqual([]);
  });

  it('relays typing to the others, throttled and never to the typist', async () => {
    const { socket: lea } = await join(world.browsers.pupil);
    const { socket: other } = await join(chloe);
    const typingOfLea = collect<{ userId: string }>(other, 'chat:typing');
    const ownEcho = collect<{ userId: string }>(lea, 'chat:typing');
    expect(ok(await emit<{ relayed: boolean }>(lea, 'chat:typing', { roomId: room.id }))).toEqual({ relayed: true });
    expect(ok(await emit<{ relayed: boolean }>(lea, 'chat:typing', { roomId: room.id }))).toEqual({ relayed: false });
    await expect.poll(() => typingOfLea.filter((t) => t.userId === world.ids.pupil).length).toBe(1);
    expect(ownEcho.filter((t) => t.userId === world.ids.pupil)).toHaveLength(0);
  });

  it('holds pupils’ messages for approval under pre-moderation', async () => {
    const created = await world.browsers.teacher.post<ChatRoomSummary>('/api/spaces', { kind: 'chat', title: 'Salon modéré', scope: { kind: 'class', classId: world.classId }, settings: { preModeration: true } });
    const roomId = created.body.id;
    const lea = await inRoom(server, world.browsers.pupil, roomId);
    const other = await inRoom(server, chloe, roomId);
    const teacher = await inRoom(server, world.browsers.teacher, roomId);
    sockets.push(lea.socket, other.socket, teacher.socket);
    const otherSaw = collect<ChatMessageView>(other.socket, 'chat:message');
    const teacherSees = nextEvent<ChatMessageView>(teacher.socket, 'chat:message');
    const pending = await send(lea.socket, roomId, 'Puis-je poser une question ?');
    expect(pending.status).toBe('pending');
    expect((await teacherSees).status).toBe('pending');
    expect(ok(await emit<ChatHistoryPage>(other.socket, 'chat:history', { roomId })).messages).toHaveLength(0);
    const published = nextEvent<ChatMessageView>(other.socket, 'chat:updated', (m) => m.id === pending.id);
    ok(await emit(teacher.socket, 'chat:moderate', { roomId, messageId: pending.id, action: 'approve' }));
    expect(await published).toMatchObject({ status: 'published', body: 'Puis-je poser une question ?' });
    expect(otherSaw).toHaveLength(0);
  });
});
