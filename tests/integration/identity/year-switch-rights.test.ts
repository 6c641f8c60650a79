/**
 * Last year's class after the new school year (issue 17, Deliver 2): its former members only READ its spaces, and
 * only until the archives' date. The former teacher reads the archived wall but cannot unarchive it, configure
 * it, create a space in the archived class nor hide a card; the former pupil reads but cannot write; a parent
 * reads their child's former class wall. Nobody unarchives a space of an archived class, nor creates one in it
 * (not even the director: 409). Once the server's clock (CLOCK_FILE) passes the date, none of them reads it any
 * more; the director still does. The dashboards list last year's class after the current ones, « archivée »; an
 * import moves a pupil of last year's class from it without taking their reading of its archive.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassSummary } from '../../../shared/identity/api';
import type { ImportPreview } from '../../../shared/identity/import-preview';
import type { YearSwitchPlan } from '../../../shared/schoolyear/types';
import type { SpaceView } from '../../../shared/spaces/types';
import type { WallCard } from '../../../shared/wall/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { ask, createWall, doc, fullSync, joinWall, postCard } from '../wall/support';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('last year’s class after the new school year', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let clockFile: string;
  let spaceId: string;
  let cm2WallId: string;
  let teacherCard: WallCard;
  const sockets: Socket[] = [];
  const day0 = Date.now();
  const at = (days: number) => writeFileSync(clockFile, String(day0 + days * DAY_MS));
  const join = async (persona: keyof PersonaWorld['browsers']): Promise<Socket> => {
    const socket = await joinWall(server, world.browsers[persona], spaceId);
    sockets.push(socket);
    return socket;
  };
  const newWall = (classId: string) => ({
    kind: 'wall',
    title: 'Mur de l’an dernier',
    scope: { kind: 'class', classId },
    settings: { layout: 'columns', sections: [{ id: 'idees', title: 'Idées', order: 0 }] },
  });

  beforeAll(async () => {
    clockFile = joinPath(mkdtempSync(joinPath(tmpdir(), 'preau-clock-')), 'now');
    server = await startServer({ env: { CLOCK_FILE: clockFile } });
    at(0);
    world = await personaWorld(server);
    spaceId = (await createWall(world.browsers.teacher, world.classId)).id;
    cm2WallId = (await createWall(world.browsers.teacherOtherClass, world.otherClassId)).id;
    // A colleague of another class co-owns last year's wall (co-teaching): the new year leaves them a reader only.
    expect((await world.browsers.teacher.post(`/api/spaces/${spaceId}/co-owners`, { userId: world.ids.teacherOtherClass })).status).toBe(200);
    teacherCard = (await postCard(await join('teacher'), spaceId, { title: 'Consigne de juin' })).card;
    await postCard(await join('pupil'), spaceId, { title: 'Avant les vacances' });
    const plan = {
      schoolYear: '2027-2028',
      visibleUntil: day0 + 2 * DAY_MS,
      classes: [
        { name: 'CM1', level: 'CM1', fromClassId: world.classId, teacherIds: [world.ids.teacherOtherClass] },
        { name: 'CE2', level: 'CE2', fromClassId: null, teacherIds: [world.ids.teacher] },
      ],
    };
    const { director } = world.browsers;
    const preview = await director.post<YearSwitchPlan>('/api/admin/school-year/preview', plan);
    expect(preview.status).toBe(200);
    expect((await director.post('/api/admin/school-year', { plan, fingerprint: preview.body.fingerprint })).status).toBe(200);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('lets the former teacher read the archive, and nothing more', async () => {
    const { teacher } = world.browsers;
    const read = await teacher.get<SpaceView>(`/api/spaces/${spaceId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ archived: true, rights: { read: true, write: false, configure: false } });
    expect((await fullSync(await join('teacher'), spaceId)).cards.map((card) => card.title)).toContain('Avant les vacances');
    expect((await teacher.post(`/api/spaces/${spaceId}/archive`, { archived: false })).status).toBe(403);
    expect((await teacher.send('PATCH', `/api/spaces/${spaceId}`, { version: read.body.version, title: 'Repris' })).status).toBe(403);
    expect((await teacher.post('/api/spaces', newWall(world.classId))).status).toBe(403);
    const hide = await ask(await join('teacher'), 'moderation:act', { kind: 'wallCard', itemId: teacherCard.id, spaceId, action: 'hide', reasonCode: 'hors_sujet', version: 1 });
    expect(hide).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('leaves a co-owner of another class only reading the archived wall: no moderation, export, bin, duplication nor co-owners', async () => {
    const { teacherOtherClass, teacher } = world.browsers;
    const read = await teacherOtherClass.get<SpaceView>(`/api/spaces/${spaceId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ archived: true, coOwnerIds: [world.ids.teacherOtherClass] });
    expect(read.body.rights).toEqual({ read: true, comment: false, write: false, moderate: false, configure: false });
    expect((await teacherOtherClass.get(`/api/walls/${spaceId}/export`)).status).toBe(403);
    expect((await teacherOtherClass.send('DELETE', `/api/spaces/${spaceId}`)).status).toBe(403);
    expect((await teacherOtherClass.post(`/api/spaces/${spaceId}/duplicate`, { content: true, pupilsContent: true })).status).toBe(403);
    const socket = await joinWall(server, teacherOtherClass, spaceId);
    sockets.push(socket);
    const hide = await ask(socket, 'moderation:act', { kind: 'wallCard', itemId: teacherCard.id, spaceId, action: 'hide', reasonCode: 'hors_sujet', version: 1 });
    expect(hide).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Nobody changes the co-owners of an archived space (not even the director): 409.
    expect((await world.browsers.director.send('DELETE', `/api/spaces/${spaceId}/co-owners/${world.ids.teacherOtherClass}`)).status).toBe(409);
    expect((await world.browsers.director.post(`/api/spaces/${spaceId}/co-owners`, { userId: world.ids.teacher })).status).toBe(409);
    expect((await teacher.get<SpaceView>(`/api/spaces/${spaceId}`)).body.coOwnerIds).toEqual([world.ids.teacherOtherClass]);
  });

  it('lets the former pupil read but not write, and their parent read', async () => {
    const pupil = await join('pupil');
    expect((await fullSync(pupil, spaceId)).cards.map((card) => card.title)).toContain('Consigne de juin');
    expect(await ask(pupil, 'wall:card:create', { spaceId, title: 'Après la rentrée', body: doc('Bonjour') })).toMatchObject({ ok: false });
    expect((await world.browsers.pupil.get<SpaceView>(`/api/spaces/${spaceId}`)).body).toMatchObject({ rights: { read: true, write: false } });
    expect((await fullSync(await join('parent'), spaceId)).cards.map((card) => card.title)).toContain('Consigne de juin');
  });

  it('refuses, even to the director, to unarchive a space of an archived class or to create one in it', async () => {
    const { director } = world.browsers;
    const unarchive = await director.post<{ message: string }>(`/api/spaces/${spaceId}/archive`, { archived: false });
    expect(unarchive.status).toBe(409);
    expect(JSON.stringify(unarchive.body)).toContain('archivée');
    expect((await director.post('/api/spaces', newWall(world.classId))).status).toBe(409);
    // Nor its class chat, never opened last year.
    expect((await director.post(`/api/chat/classes/${world.otherClassId}/room`, {})).status).toBe(409);
  });

  it('lists last year’s class after the current ones, archived', async () => {
    const classes = (await world.browsers.teacher.get<{ classes: ClassSummary[] }>('/api/dashboard')).body.classes;
    expect(classes.map((found) => found.id).at(-1)).toBe(world.classId);
    expect(classes.at(-1)?.archivedAt).toEqual(expect.any(Number));
    expect(classes[0]?.archivedAt).toBeNull();
    const all = (await world.browsers.director.get<ClassSummary[]>('/api/admin/classes')).body;
    expect(all.find((found) => found.id === world.classId)?.archivedAt).toEqual(expect.any(Number));
  });

  it('imports a pupil of last year’s class as moved from it, and keeps their reading of its archive', async () => {
    const { director } = world.browsers;
    const ce2 = (await director.get<ClassSummary[]>('/api/admin/classes')).body.find((found) => found.name === 'CE2' && found.archivedAt === null)!;
    const header = 'nom;prénom';
    // Léa is in CM1 now: moved from CM1 only, not from last year's CE2 too.
    const lea = await director.post<ImportPreview>('/api/admin/import/preview', { classId: ce2.id, csv: `${header}\nMartin;Léa` });
    expect(lea.body.moved).toEqual([expect.objectContaining({ displayName: 'Léa Martin', fromClasses: ['CM1'] })]);
    // Ethan has no class this year (CM2 left): moved from last year's CM2, whose wall he still reads afterwards.
    const csv = `${header}\nMercier;Ethan`;
    const ethan = await director.post<ImportPreview>('/api/admin/import/preview', { classId: ce2.id, csv });
    expect(ethan.body.moved).toEqual([expect.objectContaining({ displayName: 'Ethan Mercier', fromClasses: ['CM2'] })]);
    expect((await director.post('/api/admin/import/apply', { classId: ce2.id, csv, token: ethan.body.token })).status).toBe(200);
    expect((await world.browsers.pupilOtherClass.get(`/api/spaces/${cm2WallId}`)).status).toBe(200);
  });

  it('closes the archive to its former members once the date passed (the server’s clock), not to the director', async () => {
    at(3);
    for (const persona of ['teacher', 'pupil', 'parent'] as const) {
      expect((await world.browsers[persona].get(`/api/spaces/${spaceId}`)).status, persona).toBe(403);
    }
    expect((await world.browsers.pupilOtherClass.get(`/api/spaces/${cm2WallId}`)).status).toBe(403);
    expect((await world.browsers.director.get(`/api/spaces/${spaceId}`)).status).toBe(200);
  });
});
