/**
 * Administration cannot escalate (issue 11), written as the attacks observed on the landed main: the admin
 * profile minted a director, reset the director's password, then read the log, evidence and pupils' activity
 * as director. Each attempt is now refused (403) and its refusal is in the log; the director does each of these.
 * And `GET /api/me` tells each persona what they may open, from the policy table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import type { AdministeredUserPage, Capabilities, CreatedAccount, MeResponse, Page, PublicUser, UserDetail } from '../../../shared/identity/api';
import { PROFILES } from '../../../shared/identity/profiles';
import { demoAccount } from '../../helpers/demo';
import { Browser, type HttpAnswer } from '../../helpers/http';
import { designateModerator, personaWorld, type Persona, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';

let server: TestServer;
let world: PersonaWorld;
let admin: Browser;
let adminId: string;
let spaceId: string;

beforeAll(async () => {
  server = await startServer();
  world = await personaWorld(server);
  admin = await signedIn(server, 'thomas.lefebvre');
  adminId = (await admin.get<MeResponse>('/api/me')).body.user.id;
  spaceId = (await world.browsers.teacher.post<{ id: string }>('/api/spaces', { kind: 'wall', title: 'Escalade', scope: { kind: 'class', classId: world.classId } })).body.id;
});
afterAll(async () => {
  await server?.stop();
  server?.cleanup();
});

const director = () => world.browsers.director;
const denialsOf = async (userId: string) =>
  (await director().get<Page<AuditEntry>>(`/api/audit?event=access.denied&actor=${userId}&pageSize=1`)).body;

/** The request is refused, and exactly one denial naming the exact action and target is added to the log. */
async function refusedAndLogged(request: () => Promise<HttpAnswer>, action: string, target: { type: string; id: string | null }): Promise<void> {
  const before = (await denialsOf(adminId)).total;
  const answer = await request();
  expect(answer.status).toBe(403);
  const after = await denialsOf(adminId);
  expect(after.total).toBe(before + 1);
  expect(after.items[0]).toMatchObject({ status: 'denied', origin: 'http', reason: `FORBIDDEN: ${action}`, target, actor: { userId: adminId, profile: 'admin' } });
}

const profilesOf = async (userId: string) => (await director().get<UserDetail>(`/api/admin/users/${userId}`)).body.user.profiles;
const directorProfile = { type: 'profile', id: 'director' };

describe('administration cannot escalate', () => {
  it('the admin cannot create a director account, alone or with another profile', async () => {
    await refusedAndLogged(() => admin.post('/api/admin/users', { displayName: 'Faux Directeur', profiles: ['director'] }), 'grant profileGrant', directorProfile);
    await refusedAndLogged(() => admin.post('/api/admin/users', { displayName: 'Faux Directeur', profiles: ['staff', 'director'] }), 'grant profileGrant', directorProfile);
    // A teacher reads the log and the pupils' activity of their classes: an admin who could make one (with a
    // password they were shown) would read what the admin profile must not.
    await refusedAndLogged(() => admin.post('/api/admin/users', { displayName: 'Faux Professeur', profiles: ['teacher'], classIds: [world.classId] }), 'grant profileGrant', { type: 'profile', id: 'teacher' });
    await refusedAndLogged(() => admin.send('PUT', `/api/admin/users/${world.ids.parent}/profiles`, { profiles: ['parent', 'teacher'] }), 'grant profileGrant', { type: 'profile', id: 'teacher' });
    expect((await director().get<Page<PublicUser>>('/api/admin/users?q=faux')).body.total).toBe(0);
    expect(await profilesOf(world.ids.parent)).toEqual(['parent']);
    // Not a blanket refusal: the admin still creates the accounts of their job.
    const staff = await admin.post<CreatedAccount>('/api/admin/users', { displayName: 'Agent Cantine', profiles: ['staff'] });
    expect(staff.status).toBe(200);
  });

  it('the admin cannot give the director profile, nor take it back, to anyone (themselves included)', async () => {
    await refusedAndLogged(() => admin.send('PUT', `/api/admin/users/${world.ids.teacher}/profiles`, { profiles: ['teacher', 'director'] }), 'grant profileGrant', directorProfile);
    await refusedAndLogged(() => admin.send('PUT', `/api/admin/users/${world.ids.teacher}/profiles`, { profiles: ['staff'] }), 'grant profileGrant', { type: 'profile', id: 'teacher' });
    await refusedAndLogged(() => admin.send('PUT', `/api/admin/users/${world.ids.director}/profiles`, { profiles: ['admin'] }), 'grant profileGrant', directorProfile);
    await refusedAndLogged(() => admin.send('PUT', `/api/admin/users/${adminId}/profiles`, { profiles: ['admin', 'director'] }), 'grant profileGrant', directorProfile);
    expect(await profilesOf(world.ids.teacher)).toEqual(['teacher']);
    expect(await profilesOf(world.ids.director)).toEqual(['director']);
    expect(await profilesOf(adminId)).toEqual(['admin']);
  });

  it('the admin cannot reset the director’s nor a teacher’s password; a pupil’s, yes', async () => {
    await refusedAndLogged(() => admin.post(`/api/admin/users/${world.ids.director}/reset-password`), 'resetCredentials user', { type: 'user', id: world.ids.director });
    await refusedAndLogged(() => admin.post(`/api/admin/users/${world.ids.teacher}/reset-password`), 'resetCredentials user', { type: 'user', id: world.ids.teacher });
    // Their passwords still work.
    for (const login of ['isabelle.moreau', 'claire.fontaine']) {
      const account = demoAccount(server.dataDir, login);
      expect((await new Browser(server.url).login(account.login, account.password)).status, login).toBe(200);
    }
    const pupil = (await director().get<Page<PublicUser>>('/api/admin/users?q=timeo.lambert')).body.items[0]!;
    const reset = await admin.post<CreatedAccount>(`/api/admin/users/${pupil.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body.initialPassword.length).toBeGreaterThan(8);
  });

  it('the admin cannot suspend nor restore the director', async () => {
    await refusedAndLogged(() => admin.post(`/api/admin/users/${world.ids.director}/suspend`, { reason: 'Prise de pouvoir' }), 'suspend user', { type: 'user', id: world.ids.director });
    await refusedAndLogged(() => admin.post(`/api/admin/users/${world.ids.director}/restore`, {}), 'suspend user', { type: 'user', id: world.ids.director });
    expect((await director().get('/api/me')).status).toBe(200);
  });

  it('the admin reads neither the audit log, nor evidence, nor a pupil’s activity', async () => {
    const log = { type: 'auditLog', id: null };
    await refusedAndLogged(() => admin.get('/api/audit'), 'readAudit auditLog', log);
    await refusedAndLogged(() => admin.get(`/api/audit?classId=${world.classId}`), 'readAudit auditLog', { type: 'auditLog', id: world.classId });
    await refusedAndLogged(() => admin.get('/api/audit/export.csv'), 'readAudit auditLog', log);
    await refusedAndLogged(() => admin.get('/api/audit/verify'), 'verifyAudit auditLog', log);
    await refusedAndLogged(() => admin.get('/api/audit/readers'), 'verifyAudit auditLog', log);
    await refusedAndLogged(() => admin.get(`/api/spaces/${spaceId}/evidence`), 'configure space', { type: 'space', id: spaceId });
    await refusedAndLogged(() => admin.get(`/api/users/${world.ids.pupil}/activity`), 'readActivity user', { type: 'user', id: world.ids.pupil });
  });

  it('the account list shows each reader only the actions and profiles the policy table gives them', async () => {
    const rowsOf = async (browser: Browser) => {
      const page = (await browser.get<AdministeredUserPage>('/api/admin/users?pageSize=100&q=e')).body;
      return { grants: page.grants, rights: (id: string) => page.items.find((user) => user.id === id)?.rights };
    };
    const asAdmin = await rowsOf(admin);
    expect(asAdmin.grants).toEqual(PROFILES.filter((profile) => profile !== 'director' && profile !== 'teacher'));
    expect(asAdmin.rights(world.ids.director)).toEqual({ suspend: false, resetCredentials: false, changeProfiles: true, issueSignInCode: false, remove: false });
    expect(asAdmin.rights(world.ids.teacher)).toEqual({ suspend: true, resetCredentials: false, changeProfiles: true, issueSignInCode: false, remove: true });
    expect(asAdmin.rights(world.ids.pupil)).toEqual({ suspend: true, resetCredentials: true, changeProfiles: true, issueSignInCode: true, remove: true });
    const asDirector = await rowsOf(director());
    expect(asDirector.grants).toEqual([...PROFILES]);
    expect(asDirector.rights(world.ids.teacher)).toEqual({ suspend: true, resetCredentials: true, changeProfiles: true, issueSignInCode: true, remove: true });
    expect(asDirector.rights(world.ids.director)).toEqual({ suspend: false, resetCredentials: false, changeProfiles: false, issueSignInCode: false, remove: false });
  });

  it('the director does each of these, and each is in the log', async () => {
    const deputy = await director().post<CreatedAccount>('/api/admin/users', { displayName: 'Adjointe Direction', profiles: ['director'] });
    expect(deputy.status).toBe(200);
    const substitute = await director().post<CreatedAccount>('/api/admin/users', { displayName: 'Professeur Remplaçant', profiles: ['teacher'] });
    expect(substitute.status).toBe(200);
    const teacherId = substitute.body.user.id;
    const deputyId = deputy.body.user.id;
    expect((await director().send('PUT', `/api/admin/users/${teacherId}/profiles`, { profiles: ['teacher', 'director'] })).status).toBe(200);
    expect((await director().send('PUT', `/api/admin/users/${teacherId}/profiles`, { profiles: ['teacher'] })).status).toBe(200);
    expect((await director().post(`/api/admin/users/${deputyId}/reset-password`)).status).toBe(200);
    expect((await director().post(`/api/admin/users/${teacherId}/reset-password`)).status).toBe(200);
    expect((await director().post(`/api/admin/users/${deputyId}/suspend`, { reason: 'Test de la direction' })).status).toBe(200);
    expect((await director().post(`/api/admin/users/${deputyId}/restore`, {})).status).toBe(200);
    for (const path of ['/api/audit', '/api/audit/verify', `/api/spaces/${spaceId}/evidence`, `/api/users/${world.ids.pupil}/activity`]) {
      expect((await director().get(path)).status, path).toBe(200);
    }

    const events = async (userId: string) =>
      (await director().get<Page<AuditEntry>>(`/api/audit?actor=${world.ids.director}&pageSize=200`)).body.items.filter((entry) => entry.target.id === userId).map((entry) => entry.event);
    expect(await events(deputyId)).toEqual(['user.restored', 'user.suspended', 'user.password_reset', 'user.created']);
    expect(await events(teacherId)).toEqual(['user.password_reset', 'user.profiles_changed', 'user.profiles_changed', 'user.created']);
    const created = (await director().get<Page<AuditEntry>>(`/api/audit?event=user.created&actor=${world.ids.director}&pageSize=5`)).body.items;
    expect(created.find((entry) => entry.target.id === deputyId)).toMatchObject({ reason: 'director', change: { fields: expect.arrayContaining(['profiles']) } });
  });
});

describe('GET /api/me: what each persona may open, from the policy table', () => {
  const none = { school: false, classIds: [] };
  const capabilitiesOf = async (browser: Browser): Promise<Capabilities> => (await browser.get<MeResponse>('/api/me')).body.capabilities;
  const of = (persona: Persona) => capabilitiesOf(world.browsers[persona]);

  it('gives a teacher, the director, the admin, a pupil moderator and a pupil their own capabilities', async () => {
    await designateModerator(world, spaceId);
    expect(await of('teacher')).toEqual({
      administer: false,
      manageSchool: false,
      moderation: { school: false, classIds: [world.classId], spaceIds: [] },
      audit: { school: false, classIds: [world.classId] },
      createSpaces: { school: true, classIds: [world.classId] },
      family: { childIds: [] },
    });
    expect(await of('director')).toEqual({
      administer: true,
      manageSchool: true,
      moderation: { school: true, classIds: [], spaceIds: [] },
      audit: { school: true, classIds: [] },
      createSpaces: { school: true, classIds: expect.arrayContaining([world.classId]) },
      family: { childIds: [] },
    });
    expect(await capabilitiesOf(admin)).toEqual({
      administer: true,
      manageSchool: false,
      moderation: { ...none, spaceIds: [] },
      audit: none,
      createSpaces: none,
      family: { childIds: [] },
    });
    // A pupil moderator moderates one space: they create nothing.
    expect(await of('pupilModerator')).toEqual({ administer: false, manageSchool: false, moderation: { ...none, spaceIds: [spaceId] }, audit: none, createSpaces: none, family: { childIds: [] } });
    expect(await of('pupil')).toEqual({ administer: false, manageSchool: false, moderation: { ...none, spaceIds: [] }, audit: none, createSpaces: none, family: { childIds: [] } });
    // A parent follows their child on the family page.
    expect(await of('parent')).toEqual({ administer: false, manageSchool: false, moderation: { ...none, spaceIds: [] }, audit: none, createSpaces: none, family: { childIds: [world.ids.pupil] } });

    // The sign-in answer carries them too, and a revoked pupil moderator loses the space at once.
    const account = demoAccount(server.dataDir, 'thomas.lefebvre');
    expect((await new Browser(server.url).login(account.login, account.password)).body.capabilities.administer).toBe(true);
    expect((await world.browsers.teacher.send('DELETE', `/api/spaces/${spaceId}/moderators/${world.ids.pupilModerator}`)).status).toBe(200);
    expect((await of('pupilModerator')).moderation.spaceIds).toEqual([]);
  });
});
