/**
 * The new school year (issue 17, Deliver 2, « bascule de rentrée »): the director previews then confirms it on the
 * demo school. Last year's classes become archives (their wall read-only: a pupil's card refused, still read by
 * its former members), pupils are in their new class, a reassigned teacher sees the new one, pupil moderator
 * designations are revoked (the former moderator can no longer hide), every step is in the audit log and the chain
 * verifies; a teacher or a pupil is refused.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { YearSwitchPlan } from '../../../shared/schoolyear/types';
import type { WallCard } from '../../../shared/wall/types';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { ask, auditEntries, createWall, doc, fullSync, joinWall, postCard } from '../wall/support';

describe('the new school year', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let spaceId: string;
  let toHide: WallCard;
  const sockets: Socket[] = [];
  const join = async (persona: keyof PersonaWorld['browsers']): Promise<Socket> => {
    const socket = await joinWall(server, world.browsers[persona], spaceId);
    sockets.push(socket);
    return socket;
  };
  let plan: Record<string, unknown>;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    spaceId = (await createWall(world.browsers.teacher, world.classId)).id;
    await designateModerator(world, spaceId);
    toHide = (await postCard(await join('teacher'), spaceId, { title: 'Consigne de juin' })).card;
    // CE2 continues as the CM1 of Karim Benali; Claire Fontaine takes a new CE2; CM2 leaves for the collège.
    plan = {
      schoolYear: '2027-2028',
      classes: [
        { name: 'CM1', level: 'CM1', fromClassId: world.classId, teacherIds: [world.ids.teacherOtherClass] },
        { name: 'CE2', level: 'CE2', fromClassId: null, teacherIds: [world.ids.teacher] },
      ],
    };
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('is refused to a teacher and a pupil', async () => {
    for (const persona of ['teacher', 'pupil'] as const) {
      expect((await world.browsers[persona].post('/api/admin/school-year/preview', plan)).status).toBe(403);
      expect((await world.browsers[persona].post('/api/admin/school-year', { plan, fingerprint: 'f'.repeat(64) })).status).toBe(403);
    }
  });

  it('is previewed, confirmed, and does what the preview said', async () => {
    const { director } = world.browsers;
    const pupilSocket = await join('pupil');
    const moderatorSocket = await join('pupilModerator');
    expect(await postCard(pupilSocket, spaceId, { title: 'Avant les vacances' })).toMatchObject({ card: { title: 'Avant les vacances' } });

    const preview = await director.post<YearSwitchPlan>('/api/admin/school-year/preview', plan);
    expect(preview.status).toBe(200);
    expect(preview.body.archived.map((found) => found.name).sort()).toEqual(['CE2', 'CM2']);
    expect(preview.body.archived.find((found) => found.id === world.classId)?.spaces).toBeGreaterThanOrEqual(1);
    expect(preview.body.created.map((found) => [found.name, found.teachers.map((teacher) => teacher.id)])).toEqual([
      ['CM1', [world.ids.teacherOtherClass]],
      ['CE2', [world.ids.teacher]],
    ]);
    expect(preview.body.moved).toEqual(expect.arrayContaining([expect.objectContaining({ id: world.ids.pupil, toClass: 'CM1' })]));
    expect(preview.body.withoutClass).toEqual(expect.arrayContaining([expect.objectContaining({ id: world.ids.pupilOtherClass, fromClassId: world.otherClassId })]));
    expect(preview.body.designationsReset).toBeGreaterThanOrEqual(1);
    expect(preview.body.rulesReset).toBe(false);

    const done = await director.post<YearSwitchPlan>('/api/admin/school-year', { plan, fingerprint: preview.body.fingerprint });
    expect(done.status).toBe(200);
    // The same confirmation again: the school changed since that preview.
    expect((await director.post('/api/admin/school-year', { plan, fingerprint: preview.body.fingerprint })).status).toBe(409);

    // The pupil is in CM1 (their dashboard says so), and the reassigned teacher teaches it.
    const cm1 = (await director.get<{ id: string; name: string; schoolYear: string }[]>('/api/admin/classes')).body.find((found) => found.name === 'CM1' && found.schoolYear === '2027-2028');
    expect(cm1).toBeDefined();
    const dashboardOf = async (persona: 'pupil' | 'teacherOtherClass') => (await world.browsers[persona].get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes.map((found) => found.id);
    expect(await dashboardOf('pupil')).toContain(cm1!.id);
    expect(await dashboardOf('teacherOtherClass')).toContain(cm1!.id);

    // Last year's wall is an archive: read by its former members, written by nobody, moderated by no pupil.
    await expect.poll(async () => (await ask(pupilSocket, 'wall:card:create', { spaceId, title: 'Après la rentrée', body: doc('Bonjour') })).ok, { timeout: 20_000 }).toBe(false);
    expect((await fullSync(await join('pupil'), spaceId)).cards.map((card) => card.title)).toContain('Avant les vacances');
    expect((await fullSync(await join('parent'), spaceId)).cards.map((card) => card.title)).toContain('Consigne de juin');
    const hide = await ask(moderatorSocket, 'moderation:act', { kind: 'wallCard', itemId: toHide.id, spaceId, action: 'hide', reasonCode: 'hors_sujet', version: 1 });
    expect(hide.ok).toBe(false);
    // Its former teacher only reads it now (year-switch-rights.test.ts); the director still moderates its items:
    // the pupil's refusal is the designation's, not the archive's.
    const teacherHide = await ask(await join('teacher'), 'moderation:act', { kind: 'wallCard', itemId: toHide.id, spaceId, action: 'hide', reasonCode: 'hors_sujet', version: 1 });
    expect(teacherHide.ok).toBe(false);
    const directorHide = await ask(await join('director'), 'moderation:act', { kind: 'wallCard', itemId: toHide.id, spaceId, action: 'hide', reasonCode: 'hors_sujet', version: 1 });
    expect(directorHide.ok).toBe(true);
    const space = await world.browsers.teacher.get<{ archived: boolean; moderatorIds: string[] }>(`/api/spaces/${spaceId}`);
    expect(space.body).toMatchObject({ archived: true, moderatorIds: [] });

    // Audited, and the chain verifies.
    expect(await auditEntries(director, 'schoolyear.opened')).toHaveLength(1);
    expect((await auditEntries(director, 'schoolyear.class_archived')).map((entry) => entry.target.id).sort()).toEqual([world.classId, world.otherClassId].sort());
    expect((await auditEntries(director, 'schoolyear.pupil_moved')).map((entry) => entry.target.id)).toEqual(expect.arrayContaining([world.ids.pupil, world.ids.pupilOtherClass]));
    expect((await auditEntries(director, 'schoolyear.moderators_reset')).map((entry) => entry.target.id)).toContain(spaceId);
    expect((await director.get<{ ok: boolean }>('/api/audit/verify')).body.ok).toBe(true);
  });
});
