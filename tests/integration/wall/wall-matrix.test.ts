/**
 * The wall's authorization matrix (BRIEF checklist 7): every wall socket event and REST route, for the 7
 * personas, on a CE2 wall created by its teacher. Every denial answers FORBIDDEN (403) and is audited.
 *
 * `pupilModerator` is treated as a plain pupil of the class here: designating pupil moderators belongs to the
 * Moderation issue, so this matrix does not rely on it.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallClientEvents } from '../../../shared/wall/events';
import type { UploadedFile, WallCard, WallComment } from '../../../shared/wall/types';
import { PERSONAS, personaWorld, type Persona, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { png } from '../../fixtures/wall/images';
import { ask, createWall, deniedCount, download, must, upload } from './support';

const readers: readonly Persona[] = ['pupil', 'pupilModerator', 'teacher', 'parent', 'director'];
const classWriters: readonly Persona[] = ['pupil', 'pupilModerator', 'teacher', 'director'];
/** On a card written by `pupil`: its author, and the teachers of the class and the director. */
const authorAndStaff: readonly Persona[] = ['pupil', 'teacher', 'director'];
const staff: readonly Persona[] = ['teacher', 'director'];

interface Env {
  world: PersonaWorld;
  spaceId: string;
  premoderatedId: string;
  sockets: Record<Persona, Socket>;
  /** A fresh published card by `pupil` (each row that changes or locks a card gets its own). */
  card(): Promise<WallCard>;
  pendingCard(): Promise<WallCard>;
  comment(): Promise<WallComment>;
  file(): Promise<string>;
}

interface SocketRow {
  event: keyof typeof wallClientEvents;
  allowed: readonly Persona[];
  payload: (env: Env) => Promise<Record<string, unknown>>;
}

const SOCKET_ROWS: SocketRow[] = [
  { event: 'wall:sync', allowed: readers, payload: async (e) => ({ spaceId: e.spaceId, sinceSeq: 0 }) },
  { event: 'wall:card:create', allowed: classWriters, payload: async (e) => ({ spaceId: e.spaceId, title: 'Matrice' }) },
  { event: 'wall:card:edit', allowed: authorAndStaff, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id, version: 1, changes: { title: 'Modifiée' } }) },
  { event: 'wall:card:move', allowed: authorAndStaff, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id, position: { x: 10, y: 10 } }) },
  { event: 'wall:card:delete', allowed: authorAndStaff, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id }) },
  { event: 'wall:card:react', allowed: classWriters, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id, value: 1 }) },
  { event: 'wall:card:approve', allowed: staff, payload: async (e) => ({ spaceId: e.premoderatedId, cardId: (await e.pendingCard()).id }) },
  { event: 'wall:card:lock', allowed: authorAndStaff, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id }) },
  { event: 'wall:card:unlock', allowed: readers, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id }) },
  { event: 'wall:comment:create', allowed: readers, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id, text: 'Un commentaire' }) },
  { event: 'wall:comment:delete', allowed: authorAndStaff, payload: async (e) => ({ spaceId: e.spaceId, commentId: (await e.comment()).id }) },
];

interface RestRow {
  name: string;
  allowed: readonly Persona[];
  call: (env: Env, persona: Persona) => Promise<number>;
}

const REST_ROWS: RestRow[] = [
  { name: 'GET /api/walls/:id/export', allowed: readers, call: async (e, p) => (await e.world.browsers[p].get(`/api/walls/${e.spaceId}/export`)).status },
  { name: 'POST /api/walls/:id/files', allowed: classWriters, call: async (e, p) => (await upload(e.world.browsers[p], e.spaceId, await png(), 'm.png')).status },
  { name: 'GET /api/walls/:id/files/:blobId', allowed: readers, call: async (e, p) => (await download(e.world.browsers[p], `/api/walls/${e.spaceId}/files/${await e.file()}`)).status },
  { name: 'GET /api/walls/:id/files/:blobId/thumb', allowed: readers, call: async (e, p) => (await download(e.world.browsers[p], `/api/walls/${e.spaceId}/files/${await e.file()}/thumb`)).status },
];

describe('wall authorization matrix: 7 personas × every wall event and route', () => {
  let server: TestServer;
  const env = {} as Env;

  beforeAll(async () => {
    server = await startServer();
    env.world = await personaWorld(server);
    const teacher = env.world.browsers.teacher;
    // Parents may comment; posting is for the class (so parents do not post cards).
    env.spaceId = (await createWall(teacher, env.world.classId, { whoCanPost: 'pupils' }, { parentsMayComment: true })).id;
    env.premoderatedId = (await createWall(teacher, env.world.classId, { preModeration: true })).id;
    env.sockets = {} as Record<Persona, Socket>;
    for (const persona of PERSONAS) env.sockets[persona] = await openSocket(server, env.world.browsers[persona]);
    const author = env.sockets.pupil;
    env.card = async () => (await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId: env.spaceId, title: 'Carte de Léa' })).card;
    env.pendingCard = async () => (await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId: env.premoderatedId, title: 'En attente' })).card;
    env.comment = async () => (await must<{ comment: WallComment }>(author, 'wall:comment:create', { spaceId: env.spaceId, cardId: (await env.card()).id, text: 'Commentaire de Léa' })).comment;
    env.file = async () => {
      const file = (await upload(env.world.browsers.pupil, env.spaceId, await png(), 'f.png')).body as UploadedFile;
      await must(author, 'wall:card:create', { spaceId: env.spaceId, title: 'Avec image', attachmentId: file.blobId });
      return file.blobId;
    };
  });
  afterAll(async () => {
    for (const socket of Object.values(env.sockets ?? {})) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('covers every wall socket event', () => {
    expect(SOCKET_ROWS.map((row) => row.event).sort()).toEqual(Object.keys(wallClientEvents).sort());
  });

  for (const row of SOCKET_ROWS) {
    for (const persona of PERSONAS) {
      const expected = row.allowed.includes(persona);
      it(`${row.event}: ${persona} is ${expected ? 'allowed' : 'refused FORBIDDEN, and the denial is audited'}`, async () => {
        const payload = await row.payload(env);
        const before = await deniedCount(env.world.browsers.director);
        const answer = await ask(env.sockets[persona], row.event, payload);
        if (expected) {
          expect(answer, JSON.stringify(answer)).toMatchObject({ ok: true });
        } else {
          expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN' });
          expect(await deniedCount(env.world.browsers.director)).toBe(before + 1);
        }
      });
    }
  }

  for (const row of REST_ROWS) {
    for (const persona of PERSONAS) {
      const expected = row.allowed.includes(persona);
      it(`${row.name}: ${persona} is ${expected ? 'allowed' : 'refused 403, and the denial is audited'}`, async () => {
        const before = await deniedCount(env.world.browsers.director);
        const status = await row.call(env, persona);
        if (expected) expect(status).toBeLessThan(300);
        else {
          expect(status).toBe(403);
          expect(await deniedCount(env.world.browsers.director)).toBe(before + 1);
        }
      });
    }
  }

  it('requires authentication on every wall route', async () => {
    const { Browser } = await import('../../helpers/http');
    const anonymous = new Browser(server.url);
    expect((await anonymous.get(`/api/walls/${env.spaceId}/export`)).status).toBe(401);
    expect((await download(anonymous, `/api/walls/${env.spaceId}/files/000000000000000000000000`)).status).toBe(401);
    expect((await upload(anonymous, env.spaceId, await png(), 'x.png')).status).toBe(401);
  });
});
