import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessageView, ChatRoomSummary } from '../../../shared/chat/types';
import type { Ack } from '../../../shared/realtime/ack';
import { PERSONAS, personaWorld, type Persona, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { auditItems, auditTotal, collect, emit, inRoom, newRoom, nextEvent, ok, openClassRoom, patchRoom, type JoinAnswer, CHAT_TEST_SERVER } from './support';

/**
 * The authorization matrix of the chat (BRIEF checklist 7): every socket event and REST route, for the seven
 * personas, on the CE2 class room (and a pre-moderated room of the class for what waits for review), each row
 * naming the exact action the edge asks. A denial answers FORBIDDEN and writes exactly one `access.denied` event
 * naming that action. `pupilModerator` is designated as a moderator of both rooms; the last tests revoke and
 * designate them again on the same socket.
 */
const readers: Persona[] = ['pupil', 'pupilModerator', 'teacher', 'director'];
const posters: Persona[] = ['pupil', 'pupilModerator', 'teacher', 'director'];
const teachers: Persona[] = ['teacher', 'director'];


describe('chat authorization matrix: 7 personas × every chat event and route', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let roomId: string;
  let reviewedRoomId: string;
  let parentsRoomId: string;
  const sockets = {} as Record<Persona, Socket>;

  /** A message of the pupil's in a room (pending in the pre-moderated one). */
  async function pupilMessage(room = roomId): Promise<ChatMessageView> {
    return ok(await emit<{ message: ChatMessageView }>(sockets.pupil, 'chat:send', { roomId: room, key: crypto.randomUUID(), body: 'Message de Léa' })).message;
  }

  /** A published message of the pupil's in the pre-moderated room, with their change waiting for review. */
  async function pendingChange(): Promise<ChatMessageView> {
    const message = await pupilMessage(reviewedRoomId);
    ok(await emit(sockets.teacher, 'chat:moderate', { roomId: reviewedRoomId, messageId: message.id, action: 'approve' }));
    const edited = ok(await emit<{ message: ChatMessageView }>(sockets.pupil, 'chat:edit', { roomId: reviewedRoomId, messageId: message.id, body: 'Message de Léa, modifié' })).message;
    expect(edited.pendingBody).toBe('Message de Léa, modifié');
    return edited;
  }

  type Row = {
    name: string;
    /** The exact action the edge asks (`can()` on the room, or on the message for moderation). */
    action: string;
    allowed: () => readonly Persona[];
    attempt: (persona: Persona) => Promise<Ack<unknown>>;
    /** Which room or message, when not the class room's plain message. */
    where?: string;
    /** A denial after the edge allowed it (someone else's message): the item rule's own refusal. */
    itemRefusal?: string;
    after?: (persona: Persona) => Promise<void>;
  };
  const ROWS: Row[] = [
    { name: 'chat:join', action: 'read space', allowed: () => readers, attempt: (p) => emit(sockets[p], 'chat:join', { roomId }) },
    { name: 'chat:history', action: 'read space', allowed: () => readers, attempt: (p) => emit(sockets[p], 'chat:history', { roomId }) },
    {
      name: 'chat:join',
      action: 'read space',
      where: 'a room opened to parents',
      allowed: () => [...readers, 'parent'],
      attempt: (p) => emit(sockets[p], 'chat:join', { roomId: parentsRoomId }),
    },
    { name: 'chat:send', action: 'comment space', allowed: () => posters, attempt: (p) => emit(sockets[p], 'chat:send', { roomId, key: crypto.randomUUID(), body: `bonjour de ${p}` }) },
    { name: 'chat:typing', action: 'comment space', allowed: () => posters, attempt: (p) => emit(sockets[p], 'chat:typing', { roomId }) },
    {
      name: 'chat:edit',
      action: 'comment space',
      itemRefusal: 'chat:edit (not the author)',
      allowed: () => ['pupil'],
      attempt: async (p) => emit(sockets[p], 'chat:edit', { roomId, messageId: (await pupilMessage()).id, body: `modifié par ${p}` }),
    },
    {
      name: 'chat:delete',
      action: 'comment space',
      itemRefusal: 'chat:delete (not the author)',
      allowed: () => ['pupil'],
      attempt: async (p) => emit(sockets[p], 'chat:delete', { roomId, messageId: (await pupilMessage()).id }),
    },
    {
      name: 'chat:moderate',
      action: 'hide item',
      allowed: () => [...teachers, 'pupilModerator'],
      attempt: async (p) => emit(sockets[p], 'chat:moderate', { roomId, messageId: (await pupilMessage()).id, action: 'hide' }),
    },
    {
      name: 'chat:moderate',
      action: 'delete item',
      allowed: () => teachers,
      attempt: async (p) => emit(sockets[p], 'chat:moderate', { roomId, messageId: (await pupilMessage()).id, action: 'delete' }),
    },
    {
      name: 'chat:moderate',
      action: 'restore item',
      allowed: () => teachers,
      attempt: async (p) => {
        const message = await pupilMessage();
        ok(await emit(sockets.teacher, 'chat:moderate', { roomId, messageId: message.id, action: 'delete' }));
        return emit(sockets[p], 'chat:moderate', { roomId, messageId: message.id, action: 'restore' });
      },
    },
    {
      name: 'chat:moderate',
      action: 'approve item',
      // Someone else's message waiting for its first review: a pupil moderator's to approve too.
      where: 'a first publication',
      allowed: () => [...teachers, 'pupilModerator'],
      attempt: async (p) => emit(sockets[p], 'chat:moderate', { roomId: reviewedRoomId, messageId: (await pupilMessage(reviewedRoomId)).id, action: 'approve' }),
    },
    {
      name: 'chat:moderate',
      action: 'approve item',
      // An author's change of a published message: a teacher's decision only.
      where: 'an author’s change',
      allowed: () => teachers,
      attempt: async (p) => emit(sockets[p], 'chat:moderate', { roomId: reviewedRoomId, messageId: (await pendingChange()).id, action: 'approve' }),
    },
    {
      name: 'chat:moderate',
      action: 'reject item',
      where: 'an author’s change',
      allowed: () => teachers,
      attempt: async (p) => emit(sockets[p], 'chat:moderate', { roomId: reviewedRoomId, messageId: (await pendingChange()).id, action: 'reject' }),
    },
    {
      name: 'chat:mute',
      action: 'configure space',
      allowed: () => teachers,
      attempt: (p) => emit(sockets[p], 'chat:mute', { roomId, userId: world.ids.pupil, minutes: 1 }),
      after: async () => {
        await emit(sockets.teacher, 'chat:unmute', { roomId, userId: world.ids.pupil });
      },
    },
    {
      name: 'chat:unmute',
      action: 'configure space',
      allowed: () => teachers,
      attempt: async (p) => {
        ok(await emit(sockets.teacher, 'chat:mute', { roomId, userId: world.ids.pupil, minutes: 1 }));
        return emit(sockets[p], 'chat:unmute', { roomId, userId: world.ids.pupil });
      },
      after: async () => {
        await emit(sockets.teacher, 'chat:unmute', { roomId, userId: world.ids.pupil });
      },
    },
  ];

  beforeAll(async () => {
    server = await startServer(CHAT_TEST_SERVER);
    world = await personaWorld(server);
    roomId = (await openClassRoom(world.browsers.teacher, world.classId)).id;
    reviewedRoomId = await newRoom(world.browsers.teacher, world.classId, { preModeration: true }, 'Salon modéré');
    parentsRoomId = await newRoom(world.browsers.teacher, world.classId, { parentsRead: true }, 'Salon ouvert aux parents');
    for (const id of [roomId, reviewedRoomId]) {
      expect((await world.browsers.teacher.post(`/api/spaces/${id}/moderators`, { userId: world.ids.pupilModerator })).status).toBe(200);
    }
    for (const persona of PERSONAS) sockets[persona] = await openSocket(server, world.browsers[persona]);
  });
  afterAll(async () => {
    for (const socket of Object.values(sockets)) socket.close();
    await server.stop();
    server.cleanup();
  });

  for (const row of ROWS) {
    for (const persona of PERSONAS) {
      it(`${row.name} [${row.action}]${row.where ? ` (${row.where})` : ''}: ${persona}`, async () => {
        const expected = row.allowed().includes(persona);
        const before = await auditTotal(world.browsers.director, 'event=access.denied');
        const answer = await row.attempt(persona);
        await row.after?.(persona);
        if (expected) {
          expect(answer, `${row.name} by ${persona}`).toMatchObject({ ok: true });
          expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before);
        } else {
          expect(answer, `${row.name} by ${persona}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
          expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 1);
          const [denial] = await auditItems<{ reason: string }>(world.browsers.director, 'event=access.denied');
          expect([`FORBIDDEN: ${row.name} (${row.action})`, `FORBIDDEN: ${row.itemRefusal}`]).toContain(denial!.reason);
        }
      });
    }
  }

  it('GET /api/chat/rooms: everyone may ask; the class room is listed for its readers only (not parents, by default)', async () => {
    for (const persona of PERSONAS) {
      const answer = await world.browsers[persona].get<ChatRoomSummary[]>('/api/chat/rooms');
      expect(answer.status, persona).toBe(200);
      expect(answer.body.some((room) => room.id === roomId), persona).toBe(readers.includes(persona));
      expect(answer.body.some((room) => room.id === parentsRoomId), persona).toBe([...readers, 'parent'].includes(persona));
    }
  });

  it('POST /api/chat/classes/:classId/room: the class’s teacher and the director only; denials logged', async () => {
    for (const persona of PERSONAS) {
      const before = await auditTotal(world.browsers.director, 'event=access.denied');
      const answer = await world.browsers[persona].post<ChatRoomSummary>(`/api/chat/classes/${world.classId}/room`);
      if (teachers.includes(persona)) {
        expect(answer.status, persona).toBe(200);
        expect(answer.body.id).toBe(roomId);
      } else {
        expect(answer.status, persona).toBe(403);
        expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 1);
      }
    }
  });

  it('a pupil moderator revoked on an open socket: refused at once, and stops receiving what only moderators see', async () => {
    const { socket, joined } = await inRoom(server, world.browsers.pupilModerator, reviewedRoomId);
    expect(joined.me).toMatchObject({ moderator: true, configurer: false });
    const { socket: pupil } = await inRoom(server, world.browsers.pupil, reviewedRoomId);
    // Designated: another pupil's message waiting for review reaches them.
    const seenPending = nextEvent<ChatMessageView>(socket, 'chat:message', (m) => m.body === 'Avant la révocation');
    ok(await emit(pupil, 'chat:send', { roomId: reviewedRoomId, key: crypto.randomUUID(), body: 'Avant la révocation' }));
    expect((await seenPending).status).toBe('pending');

    const told = nextEvent<{ spaceId: string | null }>(socket, 'rights:changed');
    expect((await world.browsers.teacher.send('DELETE', `/api/spaces/${reviewedRoomId}/moderators/${world.ids.pupilModerator}`)).status).toBe(200);
    await told;
    const received = collect<ChatMessageView>(socket, 'chat:message');
    const updated = collect<ChatMessageView>(socket, 'chat:updated');
    // The same socket is refused, and the refusal is audited.
    const target = ok(await emit<{ message: ChatMessageView }>(pupil, 'chat:send', { roomId: reviewedRoomId, key: crypto.randomUUID(), body: 'Après la révocation' })).message;
    const before = await auditTotal(world.browsers.director, 'event=access.denied');
    expect(await emit(socket, 'chat:moderate', { roomId: reviewedRoomId, messageId: target.id, action: 'approve' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 1);
    // A teacher hides a published message: the revoked pupil gets the redacted view, not the original.
    ok(await emit(sockets.teacher, 'chat:moderate', { roomId: reviewedRoomId, messageId: target.id, action: 'approve' }));
    await expect.poll(() => updated.filter((m) => m.id === target.id).length).toBe(1);
    ok(await emit(sockets.teacher, 'chat:moderate', { roomId: reviewedRoomId, messageId: target.id, action: 'hide', reasonCode: 'insulte' }));
    await expect.poll(() => updated.filter((m) => m.id === target.id).length).toBe(2);
    expect(updated.filter((m) => m.id === target.id).at(-1)).toMatchObject({ status: 'hidden', body: null });
    // The pending message never reached them; their history no longer lists others' pending messages.
    expect(received.filter((m) => m.id === target.id)).toEqual([]);
    const again = ok(await emit<JoinAnswer>(socket, 'chat:join', { roomId: reviewedRoomId }));
    expect(again.me.moderator).toBe(false);
    expect(again.messages.filter((m) => m.status === 'pending' && m.authorId !== world.ids.pupilModerator)).toEqual([]);

    // Designated again on the same socket: told at once, and moderation is theirs again without reconnecting.
    const toldAgain = nextEvent<{ spaceId: string | null }>(socket, 'rights:changed');
    expect((await world.browsers.teacher.post(`/api/spaces/${reviewedRoomId}/moderators`, { userId: world.ids.pupilModerator })).status).toBe(200);
    await toldAgain;
    const rejoined = ok(await emit<JoinAnswer>(socket, 'chat:join', { roomId: reviewedRoomId }));
    expect(rejoined.me.moderator).toBe(true);
    const next = ok(await emit<{ message: ChatMessageView }>(pupil, 'chat:send', { roomId: reviewedRoomId, key: crypto.randomUUID(), body: 'Après la nouvelle désignation' })).message;
    expect(ok(await emit<{ message: ChatMessageView }>(socket, 'chat:moderate', { roomId: reviewedRoomId, messageId: next.id, action: 'approve' })).message.status).toBe('published');
    socket.close();
    pupil.close();
  });

  it('a teacher opening the class room to parents lets them in; closing it again shuts them out (patchRoom)', async () => {
    const parent = sockets.parent;
    expect(await emit(parent, 'chat:join', { roomId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await patchRoom(world.browsers.teacher, roomId, { settings: { parentsRead: true } })).status).toBe(200);
    ok(await emit(parent, 'chat:join', { roomId }));
    expect((await patchRoom(world.browsers.teacher, roomId, { settings: { parentsRead: false } })).status).toBe(200);
    expect(await emit(parent, 'chat:join', { roomId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
