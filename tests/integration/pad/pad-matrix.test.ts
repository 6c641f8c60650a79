import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../../shared/realtime/close-codes';
import { padDocumentName, type PadAccessMessage } from '../../../shared/pad/protocol';
import type { PadInfo, PadVersionSummary } from '../../../shared/pad/types';
import { PERSONAS, designateModerator, personaWorld, type Persona, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { RawClient, createPad, eventually } from './support';

/**
 * The authorization matrix of pads (BRIEF checklist 7): every pad route and the collab connection, for the
 * seven personas, on a CE2 pad where `pupilModerator` is a designated moderator. A denial answers 403 and
 * writes exactly one `access.denied` event.
 */
const readers: Persona[] = ['pupil', 'pupilModerator', 'teacher', 'parent', 'director'];
const moderators: Persona[] = ['pupilModerator', 'teacher', 'director'];
const configurers: Persona[] = ['teacher', 'director'];

interface Row {
  name: string;
  allowed: readonly Persona[];
  request: () => { method: 'GET' | 'POST' | 'DELETE' | 'PATCH'; path: string; body?: unknown };
  before?: () => Promise<void>;
}

describe('pad authorization matrix: 7 personas × every pad route and the collab connection', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let padId: string;
  let versionId: string;
  let classmateId: string;

  const deniedCount = async () => (await world.browsers.director.get<{ total: number }>('/api/audit?event=access.denied&pageSize=1')).body.total;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    padId = (await createPad(world.browsers.teacher, world.classId)).id;
    await designateModerator(world, padId);
    versionId = (await world.browsers.teacher.post<PadVersionSummary>(`/api/pads/${padId}/versions`, { name: 'Départ' })).body.id;
    const info = await world.browsers.teacher.get<PadInfo>(`/api/pads/${padId}`);
    classmateId = info.body.pupils.find((pupil) => pupil.name === 'Chloé Nguyen')!.id;
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  const rows: Row[] = [
    { name: 'the pad page', allowed: readers, request: () => ({ method: 'GET', path: `/api/pads/${padId}` }) },
    { name: 'afficher les auteurs', allowed: readers, request: () => ({ method: 'GET', path: `/api/pads/${padId}/authors` }) },
    { name: 'version list', allowed: readers, request: () => ({ method: 'GET', path: `/api/pads/${padId}/versions` }) },
    { name: 'version preview', allowed: readers, request: () => ({ method: 'GET', path: `/api/pads/${padId}/versions/${versionId}` }) },
    { name: 'named version', allowed: moderators, request: () => ({ method: 'POST', path: `/api/pads/${padId}/versions`, body: { name: 'Étape' } }) },
    { name: 'restore a version', allowed: moderators, request: () => ({ method: 'POST', path: `/api/pads/${padId}/versions/${versionId}/restore` }) },
    { name: 'mute a pupil', allowed: configurers, request: () => ({ method: 'POST', path: `/api/pads/${padId}/mutes`, body: { userId: classmateId, durationMinutes: 10 } }) },
    {
      name: 'unmute a pupil',
      allowed: configurers,
      before: async () => {
        expect((await world.browsers.teacher.post(`/api/pads/${padId}/mutes`, { userId: classmateId })).status).toBe(200);
      },
      request: () => ({ method: 'DELETE', path: `/api/pads/${padId}/mutes/${classmateId}` }),
    },
    { name: 'redact a passage', allowed: configurers, request: () => ({ method: 'POST', path: `/api/pads/${padId}/redactions`, body: { passages: ['rien à effacer'] } }) },
    { name: 'lock the pad', allowed: configurers, request: () => ({ method: 'PATCH', path: `/api/spaces/${padId}`, body: { locked: false } }) },
  ];

  for (const row of rows) {
    for (const persona of PERSONAS) {
      const expected = row.allowed.includes(persona);
      it(`${row.name}: ${persona} is ${expected ? 'allowed' : 'denied, and the denial is logged'}`, async () => {
        await row.before?.();
        const before = await deniedCount();
        const { method, path, body } = row.request();
        const answer = await world.browsers[persona].send(method, path, body);
        if (expected) expect(answer.status, `${method} ${path}`).toBeLessThan(300);
        else {
          expect(answer.status, `${method} ${path}`).toBe(403);
          expect(await deniedCount()).toBe(before + 1);
        }
      });
    }
  }

  const collabAccess: Record<Persona, PadAccessMessage | 'refused'> = {
    pupil: { mode: 'write' },
    pupilModerator: { mode: 'write' },
    teacher: { mode: 'write' },
    director: { mode: 'write' },
    parent: { mode: 'read', reason: 'reader' },
    pupilOtherClass: 'refused',
    teacherOtherClass: 'refused',
  };
  for (const persona of PERSONAS) {
    const expected = collabAccess[persona];
    it(`collab connection: ${persona} ${expected === 'refused' ? 'is refused (4403), and the denial is logged' : `gets ${expected.mode}`}`, async () => {
      const before = await deniedCount();
      const raw = RawClient.connect(server, world.browsers[persona], padDocumentName(padId));
      if (expected === 'refused') {
        expect((await raw.closed).code).toBe(COLLAB_CLOSE.FORBIDDEN);
        expect(await deniedCount()).toBe(before + 1);
        return;
      }
      await eventually(() => raw.accesses().length > 0, 'access announced');
      expect(raw.accesses()[0]).toEqual(expected);
      raw.close();
    });
  }
});
