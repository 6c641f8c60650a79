import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import { loadConfig } from '../../../server/config/load';
import type { ServerContext } from '../../../server/context';
import { verifyPassword } from '../../../server/features/auth/passwords';
import { importClassList } from '../../../server/features/directory/import';
import { classMembers, dashboard, listUsers } from '../../../server/features/directory/queries';
import { DEMO_ACCOUNTS } from '../../../server/features/directory/demo-roster';
import { demoSchoolSeeder, demoUserId, type DemoAccountEntry } from '../../../server/features/directory/seed';
import { createAccount, createClass, resetPassword, restoreUser, suspendUser, type CommandAuthor } from '../../../server/features/directory/service';
import { loadActor } from '../../../server/features/directory/actor';
import { createOriginPolicy } from '../../../server/http/origins';
import { createLogger } from '../../../server/logger';
import { createServices } from '../../../server/services';
import { dropTestDatabase, openTestStore, serverMongoUri } from '../../helpers/store';

const SCHOOL = 'school-test';

interface Fixture {
  ctx: ServerContext;
  dataDir: string;
  /** The users whose live connections the services were asked to close. */
  disconnected: string[];
  close(): Promise<void>;
}

/** A real store (embedded, or a fresh MongoDB database with MONGODB_URI) in a fresh data directory, with the real services and a hand-built context. */
async function openFixture(): Promise<Fixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'preau-identity-'));
  const config = loadConfig({ DATA_DIR: dataDir, MONGODB_URI: serverMongoUri(dataDir) });
  const store = await openTestStore(dataDir);
  const services = await createServices(store);
  const disconnected: string[] = [];
  services.live = {
    disconnectUser: (userId) => {
      disconnected.push(userId);
      return Promise.resolve();
    },
    disconnectSession: () => Promise.resolve(),
  };
  const ctx: ServerContext = { config, store, logger: createLogger('silent'), origins: createOriginPolicy(config, 3000), version: 'test', services };
  return {
    ctx,
    dataDir,
    disconnected,
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
      await dropTestDatabase(dataDir);
    },
  };
}

describe('directory administration (real store)', () => {
  let fixture: Fixture;
  let ctx: ServerContext;
  let admin: CommandAuthor;
  let classId: string;

  beforeAll(async () => {
    fixture = await openFixture();
    ctx = fixture.ctx;
    await ctx.services.directory.schools.insertOne({ _id: SCHOOL, name: 'École de test', city: 'Reims', kind: 'ecole', createdAt: Date.now() });
    admin = { schoolId: SCHOOL, userId: 'admin-1', actor: { userId: 'admin-1', profile: 'admin' }, origin: 'http' };
    classId = (await createClass(ctx, admin, { name: 'CM1 A', level: 'CM1', schoolYear: '2026-2027' }))._id;
  });

  afterAll(() => fixture.close());

  it('imports a class list: logins from names, deduplicated, one parent shared by two rows', async () => {
    const csv = [
      '\uFEFFNom;Prénom;Responsable 1 nom;Responsable 1 prénom;Responsable 2 nom;Responsable 2 prénom',
      'Martin;Léa;Martin;Nicolas;Renaud;Sophie',
      'Martin;Hugo;Martin;Nicolas;;',
      '"El Amrani";Ayoub;El Amrani;Khadija;;',
    ].join('\r\n');
    const accounts = await importClassList(ctx, admin, { classId, csv });
    expect(accounts.map((a) => [a.kind, a.user.login, a.childDisplayName ?? null])).toEqual([
      ['pupil', 'lea.martin', null],
      ['parent', 'nicolas.martin', 'Léa Martin, Hugo Martin'],
      ['parent', 'sophie.renaud', 'Léa Martin'],
      ['pupil', 'hugo.martin', null],
      ['pupil', 'ayoub.elamrani', null],
      ['parent', 'khadija.elamrani', 'Ayoub El Amrani'],
    ]);

    const { directory, audit } = ctx.services;
    const nicolas = accounts.find((a) => a.user.login === 'nicolas.martin')!;
    const links = await directory.guardianships.find({ parentId: nicolas.user.id });
    expect(links.map((l) => l.childId).sort()).toEqual(accounts.filter((a) => a.user.login.endsWith('.martin') && a.kind === 'pupil').map((a) => a.user.id).sort());

    const lea = await directory.users.findOne({ login: 'lea.martin' });
    expect(lea).toMatchObject({ schoolId: SCHOOL, profiles: ['pupil'], status: 'active', mustChangePassword: true });
    expect(lea!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(lea!.passwordHash, accounts[0]!.initialPassword)).toBe(true);

    const roster = await classMembers(ctx, (await ctx.services.directory.classes.findOne({ _id: classId }))!);
    expect(roster.pupils.map((p) => p.login)).toEqual(['ayoub.elamrani', 'hugo.martin', 'lea.martin']);

    const events = await audit.find({ schoolId: SCHOOL, event: 'user.imported' }, { limit: 10 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: { userId: 'admin-1' }, target: { type: 'class', id: classId }, context: { classId } });

    // Importing her again recognises her (issue 17); a second Léa Martin, born another day, gets a numbered login.
    expect(await importClassList(ctx, admin, { classId, csv: 'Martin,Léa' })).toEqual([]);
    expect(await importClassList(ctx, admin, { classId, csv: 'nom;prénom;date de naissance\nMartin;Léa;12/03/2017' })).toEqual([]);
    const again = await importClassList(ctx, admin, { classId, csv: 'nom;prénom;date de naissance\nMartin;Léa;05/10/2016' });
    expect(again.map((a) => a.user.login)).toEqual(['lea.martin2']);
    const third = await createAccount(ctx, admin, { displayName: 'Léa Martin', profiles: ['teacher'], classIds: [classId], childIds: [] });
    expect(third.user.login).toBe('lea.martin3');
  });

  it('validates the whole file first and reports every faulty line without creating anything', async () => {
    const before = await ctx.services.directory.users.count({});
    const csv = ['Durand;Paul', ';Inès', 'Petit;Manon;Petit;', 'Durand;Paul'].join('\n');
    const error = await importClassList(ctx, admin, { classId, csv }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    expect((error as AppError).issues?.map((issue) => issue.path)).toEqual(['line 2', 'line 3', 'line 4']);
    expect(await ctx.services.directory.users.count({})).toBe(before);
  });

  it('refuses an import into a class of another school', async () => {
    const other: CommandAuthor = { ...admin, schoolId: 'other-school' };
    await expect(importClassList(ctx, other, { classId, csv: 'Durand;Paul' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('searches, suspends (closing sessions and live sockets), restores and resets passwords', async () => {
    const page = await listUsers(ctx, SCHOOL, { q: 'LEA mart', page: 1, pageSize: 10 });
    expect(page.items.map((u) => u.login)).toEqual(['lea.martin', 'lea.martin2', 'lea.martin3']);
    const lea = page.items[0]!;
    await ctx.services.sessions.create({ userId: lea.id, schoolId: SCHOOL, ip: null, userAgent: null });

    // The commands act on the account as the route's check loaded it.
    const account = async (id: string) => (await ctx.services.directory.users.findOne({ _id: id }))!;
    await expect(suspendUser(ctx, admin, { ...(await account(lea.id)), _id: 'admin-1' }, 'no reason')).rejects.toMatchObject({ code: 'VALIDATION' });
    const stale = await account(lea.id);
    const suspended = await suspendUser(ctx, admin, stale, 'entendue le 3 mars, insultes répétées');
    expect(suspended.status).toBe('suspended');
    expect(await ctx.services.sessions.listOf(lea.id)).toEqual([]);
    expect(fixture.disconnected).toContain(lea.id);
    expect((await listUsers(ctx, SCHOOL, { q: '', status: 'suspended', page: 1, pageSize: 10 })).total).toBe(1);
    // A decision taken on the account before it changed is not applied to the changed account.
    await expect(resetPassword(ctx, admin, stale)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await restoreUser(ctx, admin, await account(lea.id))).status).toBe('active');

    const reset = await resetPassword(ctx, admin, await account(lea.id));
    const stored = await ctx.services.directory.users.findOne({ _id: lea.id });
    expect(await verifyPassword(stored!.passwordHash, reset.initialPassword)).toBe(true);
    const events = (await ctx.services.audit.find({ schoolId: SCHOOL, 'target.id': lea.id }, { limit: 10 })).map((e) => e.event);
    expect(events).toEqual(['user.password_reset', 'user.restored', 'user.suspended']);
    expect((await ctx.services.audit.verify(SCHOOL)).ok).toBe(true);
  });

  it('writes an account and its user.created event in one transaction: no event, no account (nor import)', async () => {
    const { directory } = ctx.services;
    const audit = ctx.store.collection<AuditEntry>('audit');
    const head = (await audit.find({ schoolId: SCHOOL }, { sort: { seq: -1 }, limit: 1 }))[0]!;
    // An entry of another chain squats the id the school's next event takes: every append collides on it.
    const squatter = { ...head, _id: `${SCHOOL}:${head.seq + 1}`, schoolId: 'squatter-chain', seq: head.seq + 1 };
    await audit.insertOne(squatter);
    const users = await directory.users.count({});
    const memberships = await directory.memberships.count({});
    const guardianships = await directory.guardianships.count({});

    const creation = createAccount(ctx, admin, { displayName: 'Jeanne Collision', profiles: ['teacher'], classIds: [classId], childIds: [] });
    await expect(creation).rejects.toThrow();
    expect(await directory.users.findOne({ login: 'jeanne.collision' })).toBeNull();
    // The whole class list or nothing: none of its accounts, links or memberships stayed.
    await expect(importClassList(ctx, admin, { classId, csv: 'Collision;Paul;Collision;Marie;;\nCollision;Anna' })).rejects.toThrow();
    expect(await directory.users.count({})).toBe(users);
    expect(await directory.memberships.count({})).toBe(memberships);
    expect(await directory.guardianships.count({})).toBe(guardianships);

    await audit.deleteOne({ _id: squatter._id });
    const created = await createAccount(ctx, admin, { displayName: 'Jeanne Collision', profiles: ['teacher'], classIds: [classId], childIds: [] });
    const event = (await audit.find({ schoolId: SCHOOL, event: 'user.created', 'target.id': created.user.id }, {}))[0];
    expect(event).toMatchObject({ seq: head.seq + 1, actor: { userId: 'admin-1' }, reason: 'teacher' });
    expect((await ctx.services.audit.verify(SCHOOL)).ok).toBe(true);
  });
});

describe('demo school seed (real store)', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await openFixture();
  });
  afterAll(() => fixture.close());

  it('seeds the demo school idempotently and gives each persona their dashboard', async () => {
    const { ctx, dataDir } = fixture;
    await demoSchoolSeeder.run(ctx);
    await demoSchoolSeeder.run(ctx);
    const { directory } = ctx.services;
    expect(await directory.users.count({ schoolId: 'demo-school' })).toBe(DEMO_ACCOUNTS.length);
    expect(await directory.memberships.count({ userId: demoUserId('louis.garnier') })).toBe(2);
    const entries = JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccountEntry[];
    const helene = entries.find((e) => e.login === 'helene.garnier')!;
    expect(helene).toMatchObject({ profile: 'parent', classes: ['CE2', 'CM2'] });
    const stored = await directory.users.findOne({ login: 'helene.garnier' });
    expect(stored?.mustChangePassword).toBe(false);
    expect(await verifyPassword(stored!.passwordHash, helene.password)).toBe(true);
    expect(await ctx.services.audit.count({ schoolId: 'demo-school', event: 'user.imported' })).toBe(1);

    const parent = await dashboard(ctx, await loadActor(directory, stored!));
    expect(parent.classes).toEqual([]);
    expect(parent.children.map((c) => [c.child.login, c.classes.map((k) => k.name)])).toEqual([
      ['louis.garnier', ['CE2']],
      ['zoe.garnier', ['CM2']],
    ]);
    const teacher = await dashboard(ctx, await loadActor(directory, (await directory.users.findOne({ _id: demoUserId('claire.fontaine') }))!));
    expect(teacher.classes.map((k) => k.name)).toEqual(['CE2']);
    expect(teacher.groups.map((g) => g.name)).toEqual(['Chorale']);
    const director = await dashboard(ctx, await loadActor(directory, (await directory.users.findOne({ login: 'isabelle.moreau' }))!));
    expect(director.classes.map((k) => k.name)).toEqual(['CE2', 'CM2']);
  });
});
