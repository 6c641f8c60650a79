import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessageView, ChatRoomSummary } from '../../../shared/chat/types';
import type { Ack } from '../../../shared/realtime/ack';
import { PERSONAS, personaWorld, type Persona, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { auditTotal, emit, ok, openClassRoom } from './support';

/**
 * The authorization matrix of the chat (BRIEF checklist 7): every socket event and REST route, for the seven
 * personas, on the CE2 class room. A denial answers FORBIDDEN and writes exactly one `access.denied` event.
 *
 * `pupilModerator` is designated as a moderator of the room through the moderation feature's API when it
 * exists; otherwise they are a plain pupil, and the rows say so.
 */
const readers: Persona[] = ['pupil', 'pupilModerator', 'teacher', 'parent', 'director'];
const posters: Persona[] = ['pupil', 'pupilModerator', 'teacher', 'director'];
const teachers: Persona[] = ['teacher', 'director'];

describe('chat authorization matrix: 7 personas × every chat event and route', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let roomId: string;
  let designated = false;
  const sockets = {} as Record<Persona, Socket>;

  /** A message of the pupil's (retrying through the flood control's refill). */
  async function pupilMessage(): Promise<ChatMessageView> {
    for (;;) {
      const answer = await emit<{ message: ChatMessageView }>(sockets.pupil, 'chat:send', { roomId, key: crypto.randomUUID(), body: 'Message de Léa' });
      if (answer.ok) return answer.data.message;
      if (answer.code !== 'RATE_LIMITED') throw new Error(answer.code);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  type Row = { name: string; allowed: () => readonly Persona[]; attempt: (persona: Persona) => Promise<Ack<unknown>>; after?: (persona: Persona) => Promise<void> };
  const ROWS: Row[] = [
    { name: 'chat:join', allowed: () => readers, attempt: (p) => emit(sockets[p], 'chat:join', { roomId }) },
    { name: 'chat:history', allowed: () => readers, attempt: (p) => emit(sockets[p], 'chat:history', { roomId }) },
    { name: 'chat:send', allowed: () => posters, attempt: (p) => emit(sockets[p], 'chat:send', { roomId, key: crypto.randomUUID(), body: `bonjour de ${p}` }) },
    { name: 'chat:typing', allowed: () => posters, attempt: (p) => emit(sockets[p], 'chat:typing', { roomId }) },
    {
      name: 'chat:edit (the pupil’s message)',
      allowed: () => ['pupil'],
      attempt: async (p) => emit(sockets[p], 'chat:edit', { roomId, messageId: (await pupilMessage()).id, body: `modifié par ${p}` }),
    },
    {
      name: 'chat:delete (the pupil’s message)',
      allowed: () => ['pupil'],
      attempt: async (p) => emit(sockets[p], 'chat:delete', { roomId, messageId: (await pupilMessage()).id }),
    },
    {
      name: 'chat:moderate hide',
      allowed: () => (designated ? [...teachers, 'pupilModerator'] : teachers),
      attempt: async (p) => emit(sockets[p], 'chat:moderate', { roomId, messageId: (await pupilMessage()).id, action: 'hide' }),
    },
    {
      name: 'chat:moderate delete',
      allowed: () => teachers,
      attempt: async (p) => emit(sockets[p], 'chat:moderate', { roomId, messageId: (await pupilMessage()).id, action: 'delete' }),
    },
    {
      name: 'chat:moderate restore',
      allowed: () => teachers,
      attempt: async (p) => {
        const message = await pupilMessage();
        ok(await emit(sockets.teacher, 'chat:moderate', { roomId, messageId: message.id, action: 'delete' }));
        return emit(sockets[p], 'chat:moderate', { roomId, messageId: message.id, action: 'restore' });
      },
    },
    {
      name: 'chat:mute (the pupil)',
      allowed: () => teachers,
      attempt: (p) => emit(sockets[p], 'chat:mute', { roomId, userId: world.ids.pupil, minutes: 1 }),
      after: async () => {
        await emit(sockets.teacher, 'chat:unmute', { roomId, userId: world.ids.pupil });
      },
    },
    {
      name: 'chat:unmute (the pupil)',
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
    server = await startServer();
    world = await personaWorld(server);
    roomId = (await openClassRoom(world.browsers.teacher, world.classId)).id;
    const designation = await world.browsers.teacher.post(`/api/spaces/${roomId}/moderators`, { userId: world.ids.pupilModerator });
    designated = designation.status === 200;
    process.stdout.write(`chat matrix: pupilModerator ${designated ? 'designated as a moderator' : 'is a plain pupil (no designation API)'}\n`);
    for (const persona of PERSONAS) sockets[persona] = await openSocket(server, world.browsers[persona]);
  });
  afterAll(async () => {
    for (const socket of Object.values(sockets)) socket.close();
    await server.stop();
    server.cleanup();
  });

  for (const row of ROWS) {
    for (const persona of PERSONAS) {
      it(`${row.name}: ${persona}`, async () => {
        const expected = row.allowed().includes(persona);
        const before = await auditTotal(world.browsers.director, 'event=access.denied');
        // The flood control's bucket is per user, and the pupil writes a lot here: wait for its refill.
        let answer = await row.attempt(persona);
        while (!answer.ok && answer.code === 'RATE_LIMITED') {
          await new Promise((resolve) => setTimeout(resolve, 250));
          answer = await row.attempt(persona);
        }
        await row.after?.(persona);
        if (expected) {
          expect(answer, `${row.name} by ${persona}`).toMatchObject({ ok: true });
          expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before);
        } else {
          expect(answer, `${row.name} by ${persona}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
          expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 1);
        }
      });
    }
  }

  it('GET /api/chat/rooms: everyone may ask; the class room is listed for its readers only', async () => {
    for (const persona of PERSONAS) {
      const answer = await world.browsers[persona].get<ChatRoomSummary[]>('/api/chat/rooms');
      expect(answer.status, persona).toBe(200);
      expect(answer.body.some((room) => room.id === roomId), persona).toBe(readers.includes(persona));
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
});
