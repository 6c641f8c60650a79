import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EVENTS } from '../../../shared/audit/events';
import type { CreatedAccount } from '../../../shared/identity/api';
import type { Browser } from '../../helpers/http';
import { PERSONAS, personaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';

/**
 * The seven personas and the admin profile (account administration, never the log nor escalation). The director
 * comes last: in the escalation rows she does each change the others were refused.
 */
const MATRIX_PERSONAS = [...PERSONAS.filter((persona) => persona !== 'director'), 'admin', 'director'] as const;
type Persona = (typeof MATRIX_PERSONAS)[number];
interface World {
  browsers: Record<Persona, Browser>;
  ids: Record<Persona, string>;
  classId: string;
  /** A wall of the class, a second director, and a teacher without class, made for the escalation rows. */
  extra: { spaceId: string; deputyId: string; spareTeacherId: string };
}
type Row = {
  name: string;
  request: (world: World) => { method: 'GET' | 'POST' | 'PUT'; path: string; body?: unknown };
  allowed: readonly Persona[];
};

const everyone = MATRIX_PERSONAS;
const profiles = (id: string, list: string[]) => ({ method: 'PUT' as const, path: `/api/admin/users/${id}/profiles`, body: { profiles: list } });

/**
 * Routes of the Identity issue. Later features add their rows in their own matrix files. The escalation rows
 * run in order (the director, last, does each change the others were refused).
 */
const ROWS: Row[] = [
  { name: 'my account', request: () => ({ method: 'GET', path: '/api/me' }), allowed: everyone },
  { name: 'my dashboard', request: () => ({ method: 'GET', path: '/api/dashboard' }), allowed: everyone },
  { name: 'my charter', request: () => ({ method: 'GET', path: '/api/charter' }), allowed: everyone },
  { name: 'my sessions', request: () => ({ method: 'GET', path: '/api/me/sessions' }), allowed: everyone },
  { name: 'user list', request: () => ({ method: 'GET', path: '/api/admin/users' }), allowed: ['director', 'admin'] },
  { name: 'user detail', request: (w) => ({ method: 'GET', path: `/api/admin/users/${w.ids.pupil}` }), allowed: ['director', 'admin'] },
  { name: 'class list (admin)', request: () => ({ method: 'GET', path: '/api/admin/classes' }), allowed: ['director', 'admin'] },
  { name: 'class members', request: (w) => ({ method: 'GET', path: `/api/admin/classes/${w.classId}/members` }), allowed: ['teacher', 'director', 'admin'] },
  { name: 'charter history', request: () => ({ method: 'GET', path: '/api/admin/charters/pupil' }), allowed: ['director'] },
  { name: 'school audit log', request: () => ({ method: 'GET', path: '/api/audit' }), allowed: ['director'] },
  { name: 'class audit log', request: (w) => ({ method: 'GET', path: `/api/audit?classId=${w.classId}` }), allowed: ['teacher', 'director'] },
  { name: 'audit verification', request: () => ({ method: 'GET', path: '/api/audit/verify' }), allowed: ['director'] },
  { name: 'audit CSV export (class)', request: (w) => ({ method: 'GET', path: `/api/audit/export.csv?classId=${w.classId}` }), allowed: ['teacher', 'director'] },
  { name: 'who read the log', request: () => ({ method: 'GET', path: '/api/audit/readers' }), allowed: ['director'] },
  { name: 'a pupil’s activity', request: (w) => ({ method: 'GET', path: `/api/users/${w.ids.pupil}/activity` }), allowed: ['teacher', 'director'] },
  { name: 'evidence of a class space', request: (w) => ({ method: 'GET', path: `/api/spaces/${w.extra.spaceId}/evidence` }), allowed: ['teacher', 'director'] },
  { name: 'the school’s moderation settings', request: () => ({ method: 'GET', path: '/api/moderation/settings' }), allowed: ['director'] },
  {
    name: 'import a class list',
    request: (w) => ({ method: 'POST', path: '/api/admin/import', body: { classId: w.classId, csv: 'nom;prénom\nTest;Élève' } }),
    allowed: ['director', 'admin'],
  },
  {
    name: 'preview a class list import',
    request: (w) => ({ method: 'POST', path: '/api/admin/import/preview', body: { classId: w.classId, csv: 'nom;prénom\nTest;Aperçu' } }),
    allowed: ['director', 'admin'],
  },
  // Administration cannot escalate: only a director makes, unmakes, resets or suspends a director.
  { name: 'create an account', request: () => ({ method: 'POST', path: '/api/admin/users', body: { displayName: 'Agent Matrice', profiles: ['staff'] } }), allowed: ['director', 'admin'] },
  { name: 'create a director', request: () => ({ method: 'POST', path: '/api/admin/users', body: { displayName: 'Directeur Matrice', profiles: ['director'] } }), allowed: ['director'] },
  { name: 'give the director profile', request: (w) => profiles(w.extra.spareTeacherId, ['teacher', 'director']), allowed: ['director'] },
  { name: 'take the director profile back', request: (w) => profiles(w.extra.spareTeacherId, ['teacher']), allowed: ['director'] },
  { name: 'reset a director’s password', request: (w) => ({ method: 'POST', path: `/api/admin/users/${w.extra.deputyId}/reset-password` }), allowed: ['director'] },
  { name: 'reset a teacher’s password', request: (w) => ({ method: 'POST', path: `/api/admin/users/${w.extra.spareTeacherId}/reset-password` }), allowed: ['director'] },
  // A one-time sign-in code is a credential: a pupil's teachers and the direction; never the admin for staff.
  { name: 'a one-time sign-in code for a pupil', request: (w) => ({ method: 'POST', path: `/api/admin/users/${w.ids.pupil}/sign-in-code` }), allowed: ['teacher', 'admin', 'director'] },
  { name: 'a one-time sign-in code for a teacher', request: (w) => ({ method: 'POST', path: `/api/admin/users/${w.extra.spareTeacherId}/sign-in-code` }), allowed: ['director'] },
  { name: 'suspend a director', request: (w) => ({ method: 'POST', path: `/api/admin/users/${w.extra.deputyId}/suspend`, body: { reason: 'Test de la matrice' } }), allowed: ['director'] },
  { name: 'restore a director', request: (w) => ({ method: 'POST', path: `/api/admin/users/${w.extra.deputyId}/restore`, body: {} }), allowed: ['director'] },
];

async function deniedCount(world: World): Promise<number> {
  const answer = await world.browsers.director.get<{ total: number }>('/api/audit?event=access.denied&pageSize=1');
  return answer.body.total;
}

describe('authorization matrix: 7 personas and the admin × every Identity route', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startServer();
    const base = await personaWorld(server);
    const admin = await signedIn(server, 'thomas.lefebvre');
    const adminId = (await admin.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const space = await base.browsers.teacher.post<{ id: string }>('/api/spaces', { kind: 'wall', title: 'Matrice', scope: { kind: 'class', classId: base.classId } });
    const create = async (displayName: string, list: string[]) =>
      (await base.browsers.director.post<CreatedAccount>('/api/admin/users', { displayName, profiles: list })).body.user.id;
    world = {
      browsers: { ...base.browsers, admin },
      ids: { ...base.ids, admin: adminId },
      classId: base.classId,
      extra: { spaceId: space.body.id, deputyId: await create('Adjoint Matrice', ['director']), spareTeacherId: await create('Remplaçante Matrice', ['teacher']) },
    };
  });
  afterAll(async () => {
    await server.stop();
    server.cleanup();
  });

  it('knows the access.denied event', () => {
    expect(AUDIT_EVENTS).toContain('access.denied');
  });

  for (const row of ROWS) {
    for (const persona of MATRIX_PERSONAS) {
      const expected = row.allowed.includes(persona);
      it(`${row.name}: ${persona} is ${expected ? 'allowed' : 'denied, and the denial is logged'}`, async () => {
        const before = await deniedCount(world);
        const { method, path, body } = row.request(world);
        const answer = await world.browsers[persona].send(method, path, body);
        if (expected) expect(answer.status, `${method} ${path}`).toBeLessThan(300);
        else {
          expect(answer.status, `${method} ${path}`).toBe(403);
          expect(await deniedCount(world)).toBe(before + 1);
        }
      });
    }
  }

  it('suspension: a teacher suspends a pupil of her class, the direction and the admin any; others are refused', async () => {
    const target = (await world.browsers.director.get<{ items: { id: string; login: string }[] }>('/api/admin/users?q=chloe.nguyen')).body.items[0]!;
    const suspend = (persona: Persona) => world.browsers[persona].post(`/api/admin/users/${target.id}/suspend`, { reason: 'Test de la matrice' });
    const restore = (persona: Persona) => world.browsers[persona].post(`/api/admin/users/${target.id}/restore`, { reason: 'Test de la matrice' });
    for (const persona of MATRIX_PERSONAS) {
      const answer = await suspend(persona);
      if (persona === 'teacher' || persona === 'director' || persona === 'admin') {
        expect(answer.status, persona).toBe(200);
        expect((await restore(persona)).status, persona).toBe(200);
      } else {
        expect(answer.status, persona).toBe(403);
      }
    }
  });

  it('every persona’s socket answers the signed-in ping', async () => {
    for (const persona of MATRIX_PERSONAS) {
      const socket = await openSocket(server, world.browsers[persona]);
      const answer = (await socket.timeout(5_000).emitWithAck('system:ping', { sentAt: 1 })) as { ok: boolean };
      expect(answer.ok, persona).toBe(true);
      socket.close();
    }
  });
});
