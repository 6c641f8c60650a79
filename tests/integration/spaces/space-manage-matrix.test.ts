/**
 * The authorization matrix of managing spaces (issue 19, Deliver 3): duplicate, archive, bin, co-teach, for the
 * 7 personas, on a CE2 wall created by its teacher, where `pupilModerator` is designated a moderator. Every
 * denial answers 403 and is audited with the exact question the edge asked (`asks`). Each row builds its own
 * fresh space (`env.wall()`), so a row that archives or deletes never disturbs the next one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designateModerator, PERSONAS, personaWorld, type Persona, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { createWall, deniedCount, expectDenial } from '../wall/support';

const staff: readonly Persona[] = ['teacher', 'director'];

interface Env {
  world: PersonaWorld;
  /** A fresh CE2 wall of `teacher`, with `pupilModerator` designated. */
  wall(): Promise<string>;
}

interface Row {
  name: string;
  allowed: readonly Persona[];
  /** The question the edge asks of a refused persona (`action resource`). */
  asks: string;
  call: (env: Env, persona: Persona) => Promise<number>;
}

const ROWS: Row[] = [
  // Duplicating asks `configure` of the source (then `create` in the target's scope): structure only, same class.
  {
    name: 'POST /api/spaces/:id/duplicate',
    allowed: staff,
    asks: 'configure space',
    call: async (e, p) => (await e.world.browsers[p].post(`/api/spaces/${await e.wall()}/duplicate`, { target: { kind: 'class', classId: e.world.classId }, content: false })).status,
  },
  // A space's life (archive, bin, co-owners) asks `configure`: its teachers, co-owners and the director.
  {
    name: 'POST /api/spaces/:id/archive',
    allowed: staff,
    asks: 'configure space',
    call: async (e, p) => (await e.world.browsers[p].post(`/api/spaces/${await e.wall()}/archive`, { archived: true })).status,
  },
  {
    name: 'DELETE /api/spaces/:id (to the bin)',
    allowed: staff,
    asks: 'configure space',
    call: async (e, p) => (await e.world.browsers[p].send('DELETE', `/api/spaces/${await e.wall()}`)).status,
  },
  {
    name: 'POST /api/spaces/:id/restore (from the bin)',
    allowed: staff,
    asks: 'configure space',
    call: async (e, p) => {
      const id = await e.wall();
      expect((await e.world.browsers.teacher.send('DELETE', `/api/spaces/${id}`)).status).toBe(200);
      return (await e.world.browsers[p].post(`/api/spaces/${id}/restore`)).status;
    },
  },
  {
    name: 'POST /api/spaces/:id/co-owners',
    allowed: staff,
    asks: 'configure space',
    call: async (e, p) => (await e.world.browsers[p].post(`/api/spaces/${await e.wall()}/co-owners`, { userId: e.world.ids.teacherOtherClass })).status,
  },
  // Once a co-owner, the teacher of another class runs the space as its teachers do.
  {
    name: 'POST /api/spaces/:id/archive with teacherOtherClass a co-owner',
    allowed: [...staff, 'teacherOtherClass'],
    asks: 'configure space',
    call: async (e, p) => {
      const id = await e.wall();
      expect((await e.world.browsers.teacher.post(`/api/spaces/${id}/co-owners`, { userId: e.world.ids.teacherOtherClass })).status).toBe(200);
      return (await e.world.browsers[p].post(`/api/spaces/${id}/archive`, { archived: true })).status;
    },
  },
];

describe('managing spaces: authorization matrix, 7 personas × every management route', () => {
  let server: TestServer;
  const env = {} as Env;

  beforeAll(async () => {
    server = await startServer();
    env.world = await personaWorld(server);
    env.wall = async () => {
      const id = (await createWall(env.world.browsers.teacher, env.world.classId)).id;
      await designateModerator(env.world, id);
      return id;
    };
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  for (const row of ROWS) {
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
});
