/**
 * The yearly import recognises people (issue 17, Deliver 1): re-importing the school's own data changes nothing,
 * the form's example line finds Léa and her parents, a file with bad lines lists each problem in French codes
 * with its column and changes nothing, ONDE's export imports a class, and a stale confirmation is answered 409.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../../shared/errors';
import type { ImportApplied, ImportPreview, ImportStale } from '../../../shared/identity/import-preview';
import type { Browser } from '../../helpers/http';
import { ROOT, startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { openTestStore } from '../../helpers/store';

interface Row {
  _id: string;
  [field: string]: unknown;
}

describe('an import that recognises people', () => {
  let server: TestServer;
  let director: Browser;
  let classes: { id: string; name: string }[];

  /** Reads the store as it is now (the server keeps running). */
  async function read<T>(fn: (collection: (name: string) => { find(filter: object): Promise<Row[]>; count(filter?: object): Promise<number> }) => Promise<T>): Promise<T> {
    const store = await openTestStore(server.dataDir);
    try {
      return await fn((name) => store.collection<Row>(name));
    } finally {
      await store.close();
    }
  }
  /** Accounts, and audit entries about accounts: what an import may change. */
  const counts = () =>
    read(async (collection) => ({
      users: await collection('users').count({}),
      memberships: await collection('memberships').count({}),
      guardianships: await collection('guardianships').count({}),
      userEvents: (await collection('audit').find({})).filter((entry) => String(entry.event).startsWith('user.')).length,
    }));
  const classId = (name: string) => classes.find((found) => found.name.startsWith(name))!.id;
  const preview = async (id: string, csv: string) => {
    const answer = await director.post<ImportPreview>('/api/admin/import/preview', { classId: id, csv });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    server = await startServer();
    director = await signedIn(server, 'isabelle.moreau');
    classes = (await director.get<{ id: string; name: string }[]>('/api/admin/classes')).body;
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  it('re-imports a demo class built from the store: nothing created, nothing changed', async () => {
    const ce2 = classId('CE2');
    const csv = await read(async (collection) => {
      const users = new Map((await collection('users').find({})).map((user) => [user._id, user]));
      const members = await collection('memberships').find({ targetId: ce2, role: 'pupil' });
      const links = await collection('guardianships').find({});
      const split = (id: string) => {
        const [first, ...rest] = String(users.get(id)!.displayName).split(' ');
        return [rest.join(' '), first];
      };
      const lines = members.map((member) => {
        const guardians = links.filter((link) => link.childId === member.userId).map((link) => split(String(link.parentId)));
        return [...split(String(member.userId)), ...guardians.flat()].join(';');
      });
      return ['nom;prénom;responsable 1 nom;responsable 1 prénom;responsable 2 nom;responsable 2 prénom', ...lines].join('\n');
    });
    const before = await counts();
    const plan = await preview(ce2, csv);
    expect(plan.problems).toEqual([]);
    expect([plan.created, plan.updated, plan.moved, plan.leftOut]).toEqual([[], [], [], []]);
    expect(plan.unchanged).toBeGreaterThan(10);
    const applied = await director.post<ImportApplied>('/api/admin/import/apply', { classId: ce2, csv, token: plan.token });
    expect(applied.status).toBe(200);
    expect(applied.body.accounts).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("imports the form's example line as Léa and her parents, not as new accounts", async () => {
    const csv = 'nom;prénom;responsable 1 nom;responsable 1 prénom;responsable 2 nom;responsable 2 prénom\nMartin;Léa;Martin;Nicolas;Renaud;Sophie';
    const before = await counts();
    const plan = await preview(classId('CE2'), csv);
    expect(plan.created).toEqual([]);
    // Only Léa is in the file: her classmates are listed as absent from it, never removed.
    expect(plan.leftOut.length).toBeGreaterThan(5);
    // Each with their account's id, so the preview offers « Retirer de l'école » for them.
    const idByLogin = await read(async (collection) => new Map((await collection('users').find({})).map((user) => [String(user.login), user._id])));
    expect(plan.leftOut.map((person) => person.userId)).toEqual(plan.leftOut.map((person) => idByLogin.get(person.login ?? '') ?? 'unknown login'));
    const applied = await director.post<ImportApplied>('/api/admin/import/apply', { classId: classId('CE2'), csv, token: plan.token });
    expect(applied.status).toBe(200);
    expect(await counts()).toEqual(before);
    const logins = await read(async (collection) => (await collection('users').find({})).map((user) => String(user.login)));
    expect(logins.filter((login) => /^(lea\.martin|nicolas\.martin|sophie\.renaud)\d/.test(login))).toEqual([]);

    // With her birth date, Léa is updated (the date is kept); the same file again changes nothing.
    const dated = 'nom;prénom;date de naissance;responsable 1 nom;responsable 1 prénom\nMartin;Léa;12/03/2018;Martin;Nicolas';
    const first = await preview(classId('CE2'), dated);
    expect(first.updated).toEqual([expect.objectContaining({ displayName: 'Léa Martin', fields: ['birthDate'] })]);
    expect((await director.post('/api/admin/import/apply', { classId: classId('CE2'), csv: dated, token: first.token })).status).toBe(200);
    const after = await counts();
    expect(after.users).toBe(before.users);
    expect(after.userEvents).toBe(before.userEvents + 1);
    const again = await preview(classId('CE2'), dated);
    expect([again.created, again.updated, again.moved]).toEqual([[], [], []]);
  });

  it('lists each of 10 bad lines with its column in French codes, and changes nothing', async () => {
    const bad = [';Paul', 'Durand;', 'Petit;Manon;Petit;', '123;Jean', 'Roux;Zoé;;;Roux;', 'Noël;\u0007Anne', 'Marin;;Marin;Paul', 'Lenoir;Tom;;Luc', 'Blanc;4', `${'x'.repeat(45)};Eva`];
    const csv = ['nom;prénom;responsable 1 nom;responsable 1 prénom;responsable 2 nom;responsable 2 prénom', 'Valide;Rose', ...bad].join('\n');
    const before = await counts();
    const plan = await preview(classId('CE2'), csv);
    expect(plan.problems).toHaveLength(10);
    expect(plan.problems.map((issue) => issue.path)).toEqual(bad.map((_, index) => `line ${index + 3}`));
    for (const issue of plan.problems) expect(issue.params?.column).toMatch(/^(pupil|guardian)/);
    const applied = await director.post<{ error: { issues: ValidationIssue[] } }>('/api/admin/import/apply', { classId: classId('CE2'), csv, token: plan.token });
    expect(applied.status).toBe(400);
    expect(applied.body.error.issues).toHaveLength(10);
    expect(await counts()).toEqual(before);
  });

  it("imports a class from ONDE's export, then recognises it", async () => {
    const csv = readFileSync(join(ROOT, 'tests/fixtures/onde-eleves-cm1.csv'), 'utf8');
    const created = await director.post<{ id: string }>('/api/admin/classes', { name: 'CM1 B', level: 'CM1', schoolYear: '2026-2027' });
    expect(created.status).toBe(200);
    const plan = await preview(created.body.id, csv);
    expect(plan.format).toBe('onde');
    expect(plan.problems).toEqual([]);
    // Four pupils and five guardians: Claire and Marc Dupont are the parents of two of them, created once.
    expect(plan.created.filter((person) => person.kind === 'pupil').map((person) => person.displayName)).toEqual(['Arthur DUPONT', 'Nour BENSAÏD', 'Jules MOREL', 'Inès DUPONT']);
    expect(plan.created.filter((person) => person.kind === 'parent')).toHaveLength(5);
    const applied = await director.post<ImportApplied>('/api/admin/import/apply', { classId: created.body.id, csv, token: plan.token });
    expect(applied.status).toBe(200);
    expect(applied.body.accounts).toHaveLength(9);
    const roster = await director.get<{ pupils: { login: string }[] }>(`/api/admin/classes/${created.body.id}/members`);
    expect(roster.body.pupils.map((pupil) => pupil.login).sort()).toEqual(['arthur.dupont', 'ines.dupont', 'jules.morel', 'nour.bensaid']);
    const before = await counts();
    const again = await preview(created.body.id, csv);
    expect([again.created, again.updated, again.moved, again.leftOut]).toEqual([[], [], [], []]);
    expect((await director.post('/api/admin/import/apply', { classId: created.body.id, csv, token: again.token })).status).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it("links a new sibling to the same-named guardian of their brother or sister, without a second account", async () => {
    const csv = 'nom;prénom;responsable 1 nom;responsable 1 prénom;responsable 2 nom;responsable 2 prénom\nMartin;Hugo;Martin;Nicolas;Martin;Odile';
    const plan = await preview(classId('CM2'), csv);
    expect(plan.created.map((person) => [person.kind, person.displayName])).toEqual([
      ['pupil', 'Hugo Martin'],
      ['parent', 'Odile Martin'],
    ]);
    expect(plan.updated).toEqual([expect.objectContaining({ displayName: 'Nicolas Martin', kind: 'parent', fields: ['guardianLink'] })]);
    const applied = await director.post<ImportApplied>('/api/admin/import/apply', { classId: classId('CM2'), csv, token: plan.token });
    expect(applied.body.accounts.map((account) => account.user.login)).toEqual(['hugo.martin', 'odile.martin']);
    const nicolas = await read(async (collection) => (await collection('users').find({ login: 'nicolas.martin' }))[0]!);
    const children = await read((collection) => collection('guardianships').count({ parentId: nicolas._id }));
    expect(children).toBe(2);
  });

  it('answers a stale confirmation with 409, a French message and a new preview', async () => {
    const csv = 'nom;prénom\nMartin;Léa\nNouvelle;Élève';
    const plan = await preview(classId('CM2'), csv);
    expect(plan.moved).toEqual([expect.objectContaining({ displayName: 'Léa Martin', fromClasses: [expect.stringMatching(/^CE2/)] })]);
    // The directory changes in between: another import creates the new pupil first.
    const other = await preview(classId('CE2'), 'nom;prénom\nNouvelle;Élève');
    expect((await director.post('/api/admin/import/apply', { classId: classId('CE2'), csv: 'nom;prénom\nNouvelle;Élève', token: other.token })).status).toBe(200);
    const before = await counts();
    const stale = await director.post<ImportStale>('/api/admin/import/apply', { classId: classId('CM2'), csv, token: plan.token });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/aperçu/);
    expect(stale.body.preview.created).toEqual([]);
    expect(stale.body.preview.moved).toHaveLength(2);
    expect(await counts()).toEqual(before);
  });

  it('gives a removed pupil, on a list again, a new account and leaves the removed one untouched', async () => {
    const cm2 = classId('CM2');
    const { pupil, parent } = await read(async (collection) => {
      const members = await collection('memberships').find({ targetId: cm2, role: 'pupil' });
      const links = await collection('guardianships').find({});
      const users = await collection('users').find({});
      const member = members.find((found) => {
        const guardians = links.filter((link) => link.childId === found.userId);
        // A pupil whose guardian has no other child: removing both touches no one else's line.
        return guardians.length > 0 && guardians.every((link) => links.filter((other) => other.parentId === link.parentId).length === 1);
      })!;
      const found = users.find((user) => user._id === member.userId)!;
      const guardian = users.find((user) => user._id === links.find((link) => link.childId === found._id)!.parentId)!;
      return { pupil: found, parent: guardian };
    });
    expect((await director.post(`/api/admin/users/${pupil._id}/remove`, {})).status).toBe(200);
    expect((await director.post(`/api/admin/users/${parent._id}/remove`, {})).status).toBe(200);
    expect(pupil.status).toBe('active');
    const [removed, pupilMemberships] = await read(async (collection) => [(await collection('users').find({ _id: pupil._id }))[0]!, await collection('memberships').find({ userId: pupil._id })] as const);
    expect(removed.status).toBe('pending_deletion');
    const split = (name: unknown): string[] => {
      const [first, ...rest] = String(name).split(' ');
      return [rest.join(' '), first!];
    };
    const csv = `nom;prénom;responsable 1 nom;responsable 1 prénom\n${[...split(pupil.displayName), ...split(parent.displayName)].join(';')}`;
    const plan = await preview(cm2, csv);
    expect(plan.problems).toEqual([]);
    expect(plan.moved).toEqual([]);
    expect(plan.updated).toEqual([]);
    expect(plan.created.map((person) => [person.kind, person.displayName])).toEqual([
      ['pupil', pupil.displayName],
      ['parent', parent.displayName],
    ]);
    expect(plan.leftOut.map((person) => person.userId)).not.toContain(pupil._id);
    const applied = await director.post<ImportApplied>('/api/admin/import/apply', { classId: cm2, csv, token: plan.token });
    expect(applied.status).toBe(200);
    const ids = applied.body.accounts.map((account) => account.user.id);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(pupil._id);
    expect(ids).not.toContain(parent._id);
    await read(async (collection) => {
      expect((await collection('users').find({ _id: pupil._id }))[0]).toEqual(removed);
      expect((await collection('users').find({ _id: parent._id }))[0]!.status).toBe('pending_deletion');
      expect(await collection('memberships').find({ userId: pupil._id })).toEqual(pupilMemberships);
      // The new child is linked to the new guardian, never to the removed one.
      expect(await collection('guardianships').count({ parentId: parent._id, childId: { $in: ids } })).toBe(0);
    });
  });
});
