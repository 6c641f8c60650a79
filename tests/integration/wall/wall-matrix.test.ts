/**
 * The wall's authorization matrix (BRIEF checklist 7): every wall socket event and REST route, for the 7
 * personas, on a CE2 wall created by its teacher, where `pupilModerator` is designated a moderator. Every denial
 * answers FORBIDDEN (403) and is audited with the exact action the edge asked (`asks`): an event about one card
 * asks its exact action of those who read the wall, and `read` of those who do not.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallClientEvents } from '../../../shared/wall/events';
import type { UploadedFile, WallCard, WallComment } from '../../../shared/wall/types';
import { designateModerator, PERSONAS, personaWorld, type Persona, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { png } from '../../fixtures/wall/images';
import { ask, createWall, deniedCount, download, expectDenial, fullSync, must, nextEvent, record, upload, wait } from './support';

const readers: readonly Persona[] = ['pupil', 'pupilModerator', 'teacher', 'parent', 'director'];
const classWriters: readonly Persona[] = ['pupil', 'pupilModerator', 'teacher', 'director'];
/** On a card written by `pupil`: its author, and the teachers of the class and the director. */
const authorAndStaff: readonly Persona[] = ['pupil', 'teacher', 'director'];
const staff: readonly Persona[] = ['teacher', 'director'];
/** Those who moderate the wall: its teachers, the director and its pupil moderator. */
const authorAndModerators: readonly Persona[] = ['pupil', 'pupilModerator', 'teacher', 'director'];
const moderators: readonly Persona[] = ['pupilModerator', 'teacher', 'director'];
const outsiders: readonly Persona[] = ['pupilOtherClass', 'teacherOtherClass'];

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
  /** The question the edge asks of a refused persona who reads the wall (`action resource`). */
  asks: string;
  /** Events about one card ask `read` of those who cannot read the wall; events about the wall ask `asks`. */
  perCard: boolean;
  payload: (env: Env) => Promise<Record<string, unknown>>;
}

const SOCKET_ROWS: SocketRow[] = [
  { event: 'wall:sync', allowed: readers, asks: 'read space', perCard: false, payload: async (e) => ({ spaceId: e.spaceId, sinceSeq: 0 }) },
  // This wall is "pupils post": posting asks `write` (parents, who may comment, do not post).
  { event: 'wall:card:create', allowed: classWriters, asks: 'write space', perCard: false, payload: async (e) => ({ spaceId: e.spaceId, title: 'Matrice' }) },
  // Someone else's card: a teacher's edit is the moderation `edit` on the item, which a pupil moderator may not do.
  { event: 'wall:card:edit', allowed: authorAndStaff, asks: 'edit item', perCard: true, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id, version: 1, changes: { title: 'Modifiée' } }) },
  // Arranging someone else's card is the moderators' (pupil moderators included).
  { event: 'wall:card:move', allowed: authorAndModerators, asks: 'moderate space', perCard: true, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id, position: { x: 10, y: 10 } }) },
  { event: 'wall:card:delete', allowed: authorAndStaff, asks: 'delete item', perCard: true, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id }) },
  { event: 'wall:card:react', allowed: classWriters, asks: 'write space', perCard: true, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id, value: 1 }) },
  // A first publication of someone else: its pupil moderator may approve it, its author may not.
  { event: 'wall:card:approve', allowed: moderators, asks: 'approve item', perCard: true, payload: async (e) => ({ spaceId: e.premoderatedId, cardId: (await e.pendingCard()).id }) },
  { event: 'wall:card:lock', allowed: authorAndStaff, asks: 'edit item', perCard: true, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id }) },
  { event: 'wall:card:unlock', allowed: readers, asks: 'read space', perCard: false, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id }) },
  { event: 'wall:comment:create', allowed: readers, asks: 'comment space', perCard: true, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id, text: 'Un commentaire' }) },
  // The wall's layout is its teachers' (issue 19): the sections' order (unknown ids are ignored) and pinned cards.
  { event: 'wall:sections:reorder', allowed: staff, asks: 'configure space', perCard: false, payload: async (e) => ({ spaceId: e.spaceId, sectionIds: ['matrice'] }) },
  { event: 'wall:card:pin', allowed: staff, asks: 'configure space', perCard: true, payload: async (e) => ({ spaceId: e.spaceId, cardId: (await e.card()).id, pinned: true }) },
  { event: 'wall:comment:delete', allowed: authorAndStaff, asks: 'delete item', perCard: true, payload: async (e) => ({ spaceId: e.spaceId, commentId: (await e.comment()).id }) },
];

interface RestRow {
  name: string;
  allowed: readonly Persona[];
  asks: string;
  call: (env: Env, persona: Persona) => Promise<number>;
}

const REST_ROWS: RestRow[] = [
  // The JSON export takes the whole wall away: its teachers and the director; every reader may print it.
  { name: 'GET /api/walls/:id/export', allowed: staff, asks: 'export space', call: async (e, p) => (await e.world.browsers[p].get(`/api/walls/${e.spaceId}/export`)).status },
  { name: 'GET /api/walls/:id/print', allowed: readers, asks: 'read space', call: async (e, p) => (await e.world.browsers[p].get(`/api/walls/${e.spaceId}/print`)).status },
  { name: 'POST /api/walls/:id/files', allowed: classWriters, asks: 'write space', call: async (e, p) => (await upload(e.world.browsers[p], e.spaceId, await png(), 'm.png')).status },
  { name: 'GET /api/walls/:id/files/:blobId', allowed: readers, asks: 'read space', call: async (e, p) => (await download(e.world.browsers[p], `/api/walls/${e.spaceId}/files/${await e.file()}`)).status },
  { name: 'GET /api/walls/:id/files/:blobId/thumb', allowed: readers, asks: 'read space', call: async (e, p) => (await download(e.world.browsers[p], `/api/walls/${e.spaceId}/files/${await e.file()}/thumb`)).status },
  // The wall's settings are the teachers': a pupil moderator moderates, they do not configure.
  {
    name: 'PATCH /api/spaces/:id (wall settings)',
    allowed: staff,
    asks: 'configure space',
    call: async (e, p) => {
      const { version } = (await e.world.browsers.teacher.get<{ version: number }>(`/api/spaces/${e.spaceId}`)).body;
      return (await e.world.browsers[p].send('PATCH', `/api/spaces/${e.spaceId}`, { version, settings: { background: p === 'teacher' ? 'menthe' : 'ciel' } })).status;
    },
  },
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
    await designateModerator(env.world, env.spaceId);
    await designateModerator(env.world, env.premoderatedId);
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
          await expectDenial(env.world, persona, `FORBIDDEN: ${row.event} (${row.perCard && outsiders.includes(persona) ? 'read space' : row.asks})`);
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
          await expectDenial(env.world, persona, `FORBIDDEN: ${row.asks}`);
        }
      });
    }
  }

  it('a pupil moderator acts on their open socket; revoked, the same socket is refused at once and no longer gets pending cards', async () => {
    const teacher = env.world.browsers.teacher;
    const wall = (await createWall(teacher, env.world.classId, { preModeration: true })).id;
    await designateModerator(env.world, wall);
    const moderator = await openSocket(server, env.world.browsers.pupilModerator);
    await must(moderator, 'space:join', { spaceId: wall });
    const hide = (itemId: string) => ask(moderator, 'moderation:act', { kind: 'wallCard', itemId, spaceId: wall, action: 'hide', reasonCode: 'hors_sujet', version: 1 });
    try {
      const arrives = nextEvent<WallCard>(moderator, 'wall:card', (card) => card.title === 'En attente 1');
      const { card: first } = await must<{ card: WallCard }>(env.sockets.pupil, 'wall:card:create', { spaceId: wall, title: 'En attente 1' });
      expect(await arrives).toMatchObject({ id: first.id, status: 'pending' });
      const { card: consigne } = await must<{ card: WallCard }>(env.sockets.teacher, 'wall:card:create', { spaceId: wall, title: 'Consigne' });
      expect(await hide(consigne.id)).toMatchObject({ ok: true, data: { item: { state: 'hidden' } } });

      const told = nextEvent(moderator, 'rights:changed');
      expect((await teacher.send('DELETE', `/api/spaces/${wall}/moderators/${env.world.ids.pupilModerator}`)).status).toBe(200);
      await told;
      const { card: second } = await must<{ card: WallCard }>(env.sockets.teacher, 'wall:card:create', { spaceId: wall, title: 'Deuxième consigne' });
      const before = await deniedCount(env.world.browsers.director);
      expect(await hide(second.id)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await deniedCount(env.world.browsers.director)).toBe(before + 1);
      await expectDenial(env.world, 'pupilModerator', 'FORBIDDEN: moderation:act (hide item)');

      const seen = record<WallCard>(moderator, 'wall:card');
      const { card: pending } = await must<{ card: WallCard }>(env.sockets.pupil, 'wall:card:create', { spaceId: wall, title: 'En attente 2' });
      await wait(300);
      expect(seen.filter((card) => card.id === pending.id)).toEqual([]);
      const synced = (await fullSync(moderator, wall)).cards.map((card) => card.id);
      expect(synced).not.toContain(pending.id);
      expect(synced).not.toContain(first.id);
      expect(await ask(moderator, 'wall:card:approve', { spaceId: wall, cardId: pending.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    } finally {
      moderator.close();
    }
  });

  it('requires authentication on every wall route', async () => {
    const { Browser } = await import('../../helpers/http');
    const anonymous = new Browser(server.url);
    expect((await anonymous.get(`/api/walls/${env.spaceId}/export`)).status).toBe(401);
    expect((await anonymous.get(`/api/walls/${env.spaceId}/print`)).status).toBe(401);
    expect((await download(anonymous, `/api/walls/${env.spaceId}/files/000000000000000000000000`)).status).toBe(401);
    expect((await upload(anonymous, env.spaceId, await png(), 'x.png')).status).toBe(401);
  });
});
