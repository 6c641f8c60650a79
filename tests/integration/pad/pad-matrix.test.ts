import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../../shared/realtime/close-codes';
import { padDocumentName, type PadAccessMessage } from '../../../shared/pad/protocol';
import type { PadInfo, PadVersionSummary } from '../../../shared/pad/types';
import type { SpaceView } from '../../../shared/spaces/types';
import { PERSONAS, designateModerator, personaWorld, type Persona, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { RawClient, createPad, eventually, patchSpace } from './support';

/**
 * The authorization matrix of pads (BRIEF checklist 7): every pad route with the exact action it asks, and the
 * collab connection, for the seven personas on a CE2 pad where `pupilModerator` is a designated moderator, plus
 * that same pupil (same session) on a pad where a teacher designated then revoked them: they are a pupil again.
 * A denial answers 403 and writes exactly one `access.denied` event.
 */
type Who = Persona | 'revokedPupilModerator';
const readers: Who[] = ['pupil', 'pupilModerator', 'revokedPupilModerator', 'teacher', 'parent', 'director'];
/** `moderate`: teachers, the director, the pad's designated pupil moderators. */
const moderators: Who[] = ['pupilModerator', 'teacher', 'director'];
/** `configure`: teachers of the scope and the director (versions, restore, mutes, redaction, lock). */
const configurers: Who[] = ['teacher', 'director'];

/** One pad of the matrix and what its rows need. */
interface Fixture {
  padId: string;
  versionId: string;
  classmateId: string;
  /** A pad of the same class where "afficher les auteurs" is kept for the moderators. */
  draftId: string;
}

interface Row {
  name: string;
  action: 'read' | 'moderate' | 'configure';
  allowed: readonly Who[];
  request: (pad: Fixture) => { method: 'GET' | 'POST' | 'DELETE' | 'PATCH'; path: string; body?: unknown };
  before?: (pad: Fixture) => Promise<void>;
}

describe('pad authorization matrix: 7 personas and a revoked pupil moderator × every pad route and the collab connection', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let pad: Fixture;
  let revoked: Fixture;
  /** The space version a settings change is sent from (read by the teacher just before). */
  let spaceVersion = 0;

  const deniedCount = async () => (await world.browsers.director.get<{ total: number }>('/api/audit?event=access.denied&pageSize=1')).body.total;

  async function fixture(designation: 'kept' | 'revoked'): Promise<Fixture> {
    const { teacher } = world.browsers;
    const padId = (await createPad(teacher, world.classId)).id;
    const draftId = (await createPad(teacher, world.classId, { settings: { authorsVisibleTo: 'moderators' } })).id;
    for (const id of [padId, draftId]) {
      await designateModerator(world, id);
      if (designation === 'revoked') expect((await teacher.send('DELETE', `/api/spaces/${id}/moderators/${world.ids.pupilModerator}`)).status).toBe(200);
    }
    const versionId = (await teacher.post<PadVersionSummary>(`/api/pads/${padId}/versions`, { name: 'Départ' })).body.id;
    const info = await teacher.get<PadInfo>(`/api/pads/${padId}`);
    return { padId, draftId, versionId, classmateId: info.body.pupils.find((pupil) => pupil.name === 'Chloé Nguyen')!.id };
  }

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    pad = await fixture('kept');
    revoked = await fixture('revoked');
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  const rows: Row[] = [
    { name: 'the pad page', action: 'read', allowed: readers, request: (p) => ({ method: 'GET', path: `/api/pads/${p.padId}` }) },
    { name: 'afficher les auteurs', action: 'read', allowed: readers, request: (p) => ({ method: 'GET', path: `/api/pads/${p.padId}/authors` }) },
    { name: 'afficher les auteurs, kept for the moderators', action: 'moderate', allowed: moderators, request: (p) => ({ method: 'GET', path: `/api/pads/${p.draftId}/authors` }) },
    { name: 'version list', action: 'read', allowed: readers, request: (p) => ({ method: 'GET', path: `/api/pads/${p.padId}/versions` }) },
    { name: 'version preview', action: 'read', allowed: readers, request: (p) => ({ method: 'GET', path: `/api/pads/${p.padId}/versions/${p.versionId}` }) },
    { name: 'named version', action: 'configure', allowed: configurers, request: (p) => ({ method: 'POST', path: `/api/pads/${p.padId}/versions`, body: { name: 'Étape' } }) },
    { name: 'restore a version', action: 'configure', allowed: configurers, request: (p) => ({ method: 'POST', path: `/api/pads/${p.padId}/versions/${p.versionId}/restore` }) },
    { name: 'mute a pupil', action: 'configure', allowed: configurers, request: (p) => ({ method: 'POST', path: `/api/pads/${p.padId}/mutes`, body: { userId: p.classmateId, durationMinutes: 10 } }) },
    {
      name: 'unmute a pupil',
      action: 'configure',
      allowed: configurers,
      before: async (p) => {
        expect((await world.browsers.teacher.post(`/api/pads/${p.padId}/mutes`, { userId: p.classmateId })).status).toBe(200);
      },
      request: (p) => ({ method: 'DELETE', path: `/api/pads/${p.padId}/mutes/${p.classmateId}` }),
    },
    { name: 'redact a passage', action: 'configure', allowed: configurers, request: (p) => ({ method: 'POST', path: `/api/pads/${p.padId}/redactions`, body: { passages: ['rien à effacer'] } }) },
    {
      name: 'lock the pad',
      action: 'configure',
      allowed: configurers,
      before: async (p) => {
        spaceVersion = (await world.browsers.teacher.get<SpaceView>(`/api/spaces/${p.padId}`)).body.version;
      },
      request: (p) => ({ method: 'PATCH', path: `/api/spaces/${p.padId}`, body: { locked: false, version: spaceVersion } }),
    },
  ];

  const cases: Array<{ who: Who; persona: Persona; pad: () => Fixture }> = [
    ...PERSONAS.map((persona) => ({ who: persona as Who, persona, pad: () => pad })),
    { who: 'revokedPupilModerator', persona: 'pupilModerator', pad: () => revoked },
  ];

  for (const row of rows) {
    for (const { who, persona, pad: padOf } of cases) {
      const expected = row.allowed.includes(who);
      it(`${row.name} (${row.action}): ${who} is ${expected ? 'allowed' : 'denied, and the denial is logged'}`, async () => {
        const target = padOf();
        await row.before?.(target);
        const before = await deniedCount();
        const { method, path, body } = row.request(target);
        const answer = await world.browsers[persona].send(method, path, body);
        if (expected) expect(answer.status, `${method} ${path}`).toBeLessThan(300);
        else {
          expect(answer.status, `${method} ${path}`).toBe(403);
          expect(await deniedCount()).toBe(before + 1);
        }
      });
    }
  }

  const collabAccess: Record<Who, PadAccessMessage | 'refused'> = {
    pupil: { mode: 'write' },
    pupilModerator: { mode: 'write' },
    revokedPupilModerator: { mode: 'write' },
    teacher: { mode: 'write' },
    director: { mode: 'write' },
    parent: { mode: 'read', reason: 'reader' },
    pupilOtherClass: 'refused',
    teacherOtherClass: 'refused',
  };
  for (const { who, persona, pad: padOf } of cases) {
    const expected = collabAccess[who];
    it(`collab connection: ${who} ${expected === 'refused' ? 'is refused (4403), and the denial is logged' : `gets ${expected.mode}`}`, async () => {
      const before = await deniedCount();
      const raw = RawClient.connect(server, world.browsers[persona], padDocumentName(padOf().padId));
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

  // In a locked pad, `moderate` is what makes a pupil write: the designated moderator writes, the revoked one reads.
  const lockedAccess: Partial<Record<Who, PadAccessMessage>> = {
    pupil: { mode: 'read', reason: 'locked' },
    pupilModerator: { mode: 'write' },
    revokedPupilModerator: { mode: 'read', reason: 'locked' },
    teacher: { mode: 'write' },
  };
  it('collab connection in a locked pad: the designated pupil moderator writes, the revoked one and pupils read', async () => {
    for (const target of [pad, revoked]) expect((await patchSpace(world.browsers.teacher, target.padId, { locked: true })).status).toBe(200);
    for (const { who, persona, pad: padOf } of cases) {
      const expected = lockedAccess[who];
      if (!expected) continue;
      const raw = RawClient.connect(server, world.browsers[persona], padDocumentName(padOf().padId));
      await eventually(() => raw.accesses().length > 0, `access announced to ${who}`);
      expect(raw.accesses()[0], who).toEqual(expected);
      raw.close();
    }
  });
});
