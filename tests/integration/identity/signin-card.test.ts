import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import type { ClassMembers, CreatedAccount, DashboardResponse, MeResponse } from '../../../shared/identity/api';
import type { IssuedClassCards, IssuedSignInCard, PasswordChangeSetting } from '../../../shared/identity/sign-in-card';
import { Browser } from '../../helpers/http';
import { signedIn } from '../../helpers/sockets';
import { useTestServer, type TestServer } from '../../helpers/server';
import { openTestStore } from '../../helpers/store';
import type { MembershipDoc, SchoolDoc, UserDoc } from '../../../server/features/directory/model';
import { hashPassword } from '../../../server/features/auth/passwords';

/** The token of a card's link (after `#`). */
const tokenOf = (link: string): string => link.slice(link.indexOf('#') + 1);

/**
 * Issue 18, « Getting in »: a teacher prints the class's sign-in cards (a QR code per pupil, a link with a secret
 * token); a pupil signs in with the link alone; a card is revocable, tied to its class, throttled per IP and
 * audited; a teacher resets the access of a pupil of their class only; pupils of cycle 2 keep their given
 * password unless the school decides otherwise. A small card limit is injected to see the throttle.
 */
describe('class sign-in cards and a pupil’s access', () => {
  const use = useTestServer({ env: { RATE_LIMITS: JSON.stringify({ signInCardIp: { points: 8, durationSeconds: 60 } }) } });
  let server: TestServer;
  let teacher: Browser;
  let director: Browser;
  let classId: string;
  let cm2ClassId: string;
  let ids: Record<string, string>;
  // Each test signs in from its own address, so the per-IP card limit of one test does not spill into another.
  const from = (last: number) => new Browser(server.url, { localAddress: `127.0.3.${last}` });

  beforeAll(async () => {
    server = use();
    teacher = await signedIn(server, 'claire.fontaine');
    director = await signedIn(server, 'isabelle.moreau');
    classId = (await teacher.get<DashboardResponse>('/api/dashboard')).body.classes[0]!.id;
    const karim = await signedIn(server, 'karim.benali');
    cm2ClassId = (await karim.get<DashboardResponse>('/api/dashboard')).body.classes[0]!.id;
    const members = [
      ...(await teacher.get<ClassMembers>(`/api/admin/classes/${classId}/members`)).body.pupils,
      ...(await karim.get<ClassMembers>(`/api/admin/classes/${cm2ClassId}/members`)).body.pupils,
    ];
    ids = Object.fromEntries(members.map((user) => [user.login, user.id]));
  });

  it('the class card: one link per pupil of the class, stored hashed, each sign-in audited', async () => {
    const issued = await teacher.post<IssuedClassCards>(`/api/admin/classes/${classId}/sign-in-cards`);
    expect(issued.status).toBe(200);
    expect(issued.body.class.id).toBe(classId);
    expect(issued.body.cards.map((card) => card.user.login)).toContain('lea.martin');
    expect(issued.body.cards.some((card) => card.user.login === 'zoe.garnier')).toBe(false);
    const lea = issued.body.cards.find((card) => card.user.login === 'lea.martin')!;
    expect(lea.link).toMatch(/^http:\/\/[^/]+\/carte#[A-Za-z0-9_-]{32}$/);

    const store = await openTestStore(server.dataDir);
    try {
      const stored = await store.collection<{ _id: string; userId: string }>('signInCards').find({ userId: ids['lea.martin']! });
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(tokenOf(lea.link));
    } finally {
      await store.close();
    }

    // The link alone signs Léa in, every day (not used up).
    const tablet = from(1);
    const first = await tablet.post<MeResponse>('/api/auth/login-card', { token: tokenOf(lea.link) });
    expect(first.status).toBe(200);
    expect(first.body.user.login).toBe('lea.martin');
    expect((await from(1).post<MeResponse>('/api/auth/login-card', { token: tokenOf(lea.link) })).status).toBe(200);

    const log = await director.get<{ items: AuditEntry[] }>(`/api/audit?event=auth.sign_in_card_issued&pageSize=100`);
    expect(log.body.items.some((entry) => entry.target.id === ids['lea.martin'] && entry.context.classId === classId)).toBe(true);
    const logins = await director.get<{ items: AuditEntry[] }>(`/api/audit?event=auth.login&pageSize=20`);
    expect(logins.body.items.some((entry) => entry.target.id === ids['lea.martin'] && entry.reason?.includes('class sign-in card'))).toBe(true);
  });

  it('a wrong token is refused; a flood from one address is throttled (429)', async () => {
    const stranger = from(2);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await stranger.post('/api/auth/login-card', { token: `devine-${i}-abcdefghijklmnopqrstuv` })).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual([429, 429]);
    expect((await stranger.post('/api/auth/login-card', { token: 'trop court' })).status).toBe(400);
  });

  it('a new card revokes the old one and ends the pupil’s sessions; a revoked card is refused', async () => {
    const old = (await teacher.post<IssuedClassCards>(`/api/admin/classes/${classId}/sign-in-cards`)).body.cards.find((card) => card.user.login === 'yanis.belkacem')!;
    const yanis = from(3);
    expect((await yanis.post<MeResponse>('/api/auth/login-card', { token: tokenOf(old.link) })).status).toBe(200);
    expect((await yanis.get('/api/me')).status).toBe(200);

    const renewed = await teacher.post<IssuedSignInCard>(`/api/admin/users/${ids['yanis.belkacem']}/sign-in-card`);
    expect(renewed.status).toBe(200);
    expect((await yanis.get('/api/me')).status).toBe(401);
    expect((await from(3).post('/api/auth/login-card', { token: tokenOf(old.link) })).status).toBe(401);
    expect((await from(3).post('/api/auth/login-card', { token: tokenOf(renewed.body.link) })).status).toBe(200);

    expect((await teacher.send('DELETE', `/api/admin/users/${ids['yanis.belkacem']}/sign-in-card`)).status).toBe(200);
    expect((await from(3).post('/api/auth/login-card', { token: tokenOf(renewed.body.link) })).status).toBe(401);
    const log = await teacher.get<{ items: AuditEntry[] }>(`/api/users/${ids['yanis.belkacem']}/activity?pageSize=100`);
    expect(log.body.items.some((entry) => entry.event === 'auth.sign_in_card_revoked')).toBe(true);
  });

  it('only a pupil’s teachers and the direction: a teacher of another class, a pupil, a parent are refused (403, audited)', async () => {
    const karim = await signedIn(server, 'karim.benali');
    const lea = ids['lea.martin']!;
    expect((await karim.post(`/api/admin/classes/${classId}/sign-in-cards`)).status).toBe(403);
    expect((await karim.post(`/api/admin/users/${lea}/sign-in-card`)).status).toBe(403);
    expect((await karim.send('DELETE', `/api/admin/users/${lea}/sign-in-card`)).status).toBe(403);
    const reset = await karim.post<{ error: { code: string } }>(`/api/admin/users/${lea}/reset-password`);
    expect(reset.status).toBe(403);
    expect(reset.body.error.code).toBe('FORBIDDEN');
    const pupil = await signedIn(server, 'noah.kowalski');
    expect((await pupil.post(`/api/admin/classes/${classId}/sign-in-cards`)).status).toBe(403);
    expect((await pupil.post(`/api/admin/users/${lea}/reset-password`)).status).toBe(403);
    const parent = await signedIn(server, 'sophie.renaud');
    expect((await parent.post(`/api/admin/users/${lea}/sign-in-card`)).status).toBe(403);
    // A teacher never resets a colleague's password.
    const claireId = (await teacher.get<MeResponse>('/api/me')).body.user.id;
    expect((await karim.post(`/api/admin/users/${claireId}/reset-password`)).status).toBe(403);
    // The CM2 class card holds no CE2 pupil, the CE2 teacher cannot print it.
    expect((await teacher.post(`/api/admin/classes/${cm2ClassId}/sign-in-cards`)).status).toBe(403);
    const denials = await director.get<{ items: AuditEntry[] }>('/api/audit?event=access.denied&pageSize=50');
    expect(denials.body.items.some((entry) => entry.target.id === lea && entry.reason?.includes('resetCredentials'))).toBe(true);
  });

  it('a teacher resets a pupil’s password: audited, sessions ended; a CE2 pupil keeps it, a CM2 pupil must change it', async () => {
    const leaTablet = from(4);
    const card = (await teacher.post<IssuedClassCards>(`/api/admin/classes/${classId}/sign-in-cards`)).body.cards.find((c) => c.user.login === 'lea.martin')!;
    expect((await leaTablet.post('/api/auth/login-card', { token: tokenOf(card.link) })).status).toBe(200);

    const reset = await teacher.post<CreatedAccount>(`/api/admin/users/${ids['lea.martin']}/reset-password`);
    expect(reset.status).toBe(200);
    expect((await leaTablet.get('/api/me')).status).toBe(401);
    const log = await teacher.get<{ items: AuditEntry[] }>(`/api/audit?classId=${classId}&event=user.password_reset`);
    expect(log.body.items.some((entry) => entry.target.id === ids['lea.martin'] && entry.actor.profile === 'teacher')).toBe(true);

    // CE2 is cycle 2: the given password is kept, no forced change.
    const lea = await from(4).login('lea.martin', reset.body.initialPassword);
    expect(lea.status).toBe(200);
    expect(lea.body.mustChangePassword).toBe(false);

    // CM2 is cycle 3: forced, as before.
    const zoe = await director.post<CreatedAccount>(`/api/admin/users/${ids['zoe.garnier']}/reset-password`);
    const zoeIn = await from(5).login('zoe.garnier', zoe.body.initialPassword);
    expect(zoeIn.body.mustChangePassword).toBe(true);
  });

  it('the school sets the levels: with CE2 no longer exempt, Léa must change a reset password; adults always', async () => {
    expect((await director.get<PasswordChangeSetting>('/api/admin/school/password-change')).body).toEqual({ exemptLevels: ['CP', 'CE1', 'CE2'] });
    expect((await teacher.send('PUT', '/api/admin/school/password-change', { exemptLevels: [] })).status).toBe(403);
    expect((await director.send('PUT', '/api/admin/school/password-change', { exemptLevels: ['CP', 'CE1'] })).status).toBe(200);
    const reset = await teacher.post<CreatedAccount>(`/api/admin/users/${ids['lea.martin']}/reset-password`);
    expect((await from(6).login('lea.martin', reset.body.initialPassword)).body.mustChangePassword).toBe(true);

    // Even a level listed exempts no adult: a reset teacher changes the password.
    expect((await director.send('PUT', '/api/admin/school/password-change', { exemptLevels: ['CE2', 'CM2'] })).status).toBe(200);
    const claireId = (await teacher.get<MeResponse>('/api/me')).body.user.id;
    const claire = await director.post<CreatedAccount>(`/api/admin/users/${claireId}/reset-password`);
    expect((await from(7).login('claire.fontaine', claire.body.initialPassword)).body.mustChangePassword).toBe(true);
    const changes = await director.get<{ items: AuditEntry[] }>('/api/audit?event=school.password_change_set');
    expect(changes.body.items).toHaveLength(2);
  });

  it('another school: its director issues no card for Léa nor her class, and its pupil is on no card of the class', async () => {
    const store = await openTestStore(server.dataDir);
    const other = 'ecole-voisine';
    const person = (id: string, profile: 'pupil' | 'director', passwordHash: string): UserDoc => ({
      _id: id, schoolId: other, login: id, displayName: id, searchText: id, profiles: [profile], status: 'active',
      deletionDate: null, passwordHash, mustChangePassword: false, createdAt: 1, updatedAt: 1,
    });
    try {
      await store.collection<SchoolDoc>('schools').insertOne({ _id: other, name: 'École voisine', city: 'Reims', kind: 'ecole', createdAt: 1 });
      await store.collection<UserDoc>('users').insertMany([person('directrice-voisine', 'director', await hashPassword('voisine-secret-1')), person('eleve-voisin', 'pupil', 'x')]);
      // A record that points into this school: a membership of the CE2 class.
      await store.collection<MembershipDoc>('memberships').insertOne({ _id: 'membre-voisin', schoolId: other, userId: 'eleve-voisin', kind: 'class', targetId: classId, role: 'pupil' });
    } finally {
      await store.close();
    }
    const neighbour = from(8);
    expect((await neighbour.login('directrice-voisine', 'voisine-secret-1')).status).toBe(200);
    await neighbour.acceptCharters();
    const card = await neighbour.post<{ error: { code: string } }>(`/api/admin/users/${ids['lea.martin']}/sign-in-card`);
    expect(card.status).toBe(403);
    expect(card.body.error.code).toBe('FORBIDDEN');
    expect((await neighbour.post(`/api/admin/classes/${classId}/sign-in-cards`)).status).toBe(403);
    expect((await neighbour.post(`/api/admin/users/${ids['lea.martin']}/reset-password`)).status).toBe(403);
    // (The class's teacher was signed out by the reset of her password above: the director prints them.)
    const cards = (await director.post<IssuedClassCards>(`/api/admin/classes/${classId}/sign-in-cards`)).body.cards;
    expect(cards.length).toBeGreaterThan(5);
    expect(cards.some((issued) => issued.user.id === 'eleve-voisin')).toBe(false);
  });
});
