/**
 * Seeds the demo school of `demo-roster.ts` on an empty store, so that `npm start` gives a school to try: its
 * classes, groups, accounts (with the roster's public demo passwords), memberships and guardianships.
 *
 * Idempotent, as `seedIfEmpty` requires: every document has a stable id and is written with an upsert that only
 * inserts (`$setOnInsert`), and users that already exist are neither re-hashed nor touched. A seed interrupted
 * half-way therefore completes at the next start.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerContext } from '../../context';
import type { Seeder } from '../../lifecycle/seed';
import { mainProfile } from '../../http/request-state';
import { DEMO_ACCOUNTS, DEMO_CLASSES, DEMO_GROUPS, DEMO_SCHOOL } from './demo-roster';
import { hashPasswords, searchTextOf } from './logins';
import type { MembershipDoc } from './model';
import { recordChange } from './service';

export const DEMO_SCHOOL_ID = 'demo-school';
export const demoClassId = (key: string): string => `demo-class-${key}`;
export const demoGroupId = (key: string): string => `demo-group-${key}`;
export const demoUserId = (login: string): string => `demo-user-${login}`;
/** Where the demo accounts are listed for people and tests (in DATA_DIR). */
export const DEMO_ACCOUNTS_FILE = 'demo-accounts.json';

/** One line of `DATA_DIR/demo-accounts.json`. */
export interface DemoAccountEntry {
  login: string;
  password: string;
  profile: string;
  displayName: string;
  /** Class names: a pupil's class, a teacher's classes, a parent's children's classes. */
  classes: string[];
}

async function seedDemoSchool(ctx: ServerContext): Promise<void> {
  const { directory } = ctx.services;
  const now = Date.now();
  const insertOnly = <T extends object>(fields: T) => ({ $setOnInsert: fields });

  await directory.schools.updateOne({ _id: DEMO_SCHOOL_ID }, insertOnly({ ...DEMO_SCHOOL, createdAt: now }), { upsert: true });
  for (const demoClass of DEMO_CLASSES) {
    const { key: _key, ...fields } = demoClass;
    await directory.classes.updateOne(
      { _id: demoClassId(demoClass.key) },
      insertOnly({ schoolId: DEMO_SCHOOL_ID, ...fields, createdAt: now }),
      { upsert: true },
    );
  }
  for (const group of DEMO_GROUPS) {
    await directory.groups.updateOne(
      { _id: demoGroupId(group.key) },
      insertOnly({ schoolId: DEMO_SCHOOL_ID, name: group.name, createdAt: now }),
      { upsert: true },
    );
  }

  // Only the missing accounts are hashed: argon2 is deliberately slow, and a re-run should be quick.
  // (A demo login taken by another account fails loudly on the unique index: the seed expects an empty store.)
  const ids = DEMO_ACCOUNTS.map((account) => demoUserId(account.login));
  const existing = new Set((await directory.users.find({ _id: { $in: ids } })).map((user) => user._id));
  const missing = DEMO_ACCOUNTS.filter((account) => !existing.has(demoUserId(account.login)));
  const hashes = await hashPasswords(missing.map((account) => account.password));
  for (const [index, account] of missing.entries()) {
    await directory.users.updateOne(
      { _id: demoUserId(account.login) },
      insertOnly({
        schoolId: DEMO_SCHOOL_ID,
        login: account.login,
        displayName: account.displayName,
        searchText: searchTextOf(account.displayName, account.login),
        profiles: account.profiles,
        status: 'active',
        deletionDate: null,
        passwordHash: hashes[index]!,
        // Demo passwords are published in the README: nobody is forced to change them on a demo instance.
        mustChangePassword: false,
        createdAt: now,
        updatedAt: now,
      }),
      { upsert: true },
    );
  }

  const memberships: Omit<MembershipDoc, '_id'>[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const role = account.profiles.includes('teacher') ? 'teacher' : 'pupil';
    for (const key of account.classKeys) {
      memberships.push({ schoolId: DEMO_SCHOOL_ID, userId: demoUserId(account.login), kind: 'class', targetId: demoClassId(key), role });
    }
  }
  for (const group of DEMO_GROUPS) {
    for (const login of group.memberLogins) {
      memberships.push({ schoolId: DEMO_SCHOOL_ID, userId: demoUserId(login), kind: 'group', targetId: demoGroupId(group.key), role: 'member' });
    }
  }
  for (const membership of memberships) {
    const id = `${membership.userId}:${membership.kind}:${membership.targetId}`;
    await directory.memberships.updateOne({ _id: id }, insertOnly(membership), { upsert: true });
  }
  for (const account of DEMO_ACCOUNTS) {
    for (const childLogin of account.childLogins ?? []) {
      const link = { schoolId: DEMO_SCHOOL_ID, parentId: demoUserId(account.login), childId: demoUserId(childLogin) };
      await directory.guardianships.updateOne({ _id: `${link.parentId}:${link.childId}` }, insertOnly(link), { upsert: true });
    }
  }

  // One event for the whole seed, by no one (a job), and only when this run created accounts.
  if (missing.length > 0) {
    await recordChange(
      ctx,
      { schoolId: DEMO_SCHOOL_ID, userId: null, actor: { userId: null }, origin: 'job' },
      {
        event: 'user.imported',
        target: { type: 'school', id: DEMO_SCHOOL_ID, ownerId: null },
        fields: ['users', 'memberships', 'guardianships'],
        after: missing.map((account) => account.login),
        reason: 'demo seed',
      },
    );
  }
}

/** The demo accounts with their passwords and class names, for the README's demo instructions and the tests. */
export function demoAccountEntries(): DemoAccountEntry[] {
  const className = new Map(DEMO_CLASSES.map((demoClass) => [demoClass.key, demoClass.name]));
  const byLogin = new Map(DEMO_ACCOUNTS.map((account) => [account.login, account]));
  return DEMO_ACCOUNTS.map((account) => {
    const keys = account.childLogins ? account.childLogins.flatMap((login) => byLogin.get(login)?.classKeys ?? []) : account.classKeys;
    return {
      login: account.login,
      password: account.password,
      profile: mainProfile(account.profiles) ?? account.profiles[0]!,
      displayName: account.displayName,
      classes: [...new Set(keys)].map((key) => className.get(key) ?? key),
    };
  });
}

export const demoSchoolSeeder: Seeder = {
  name: 'demo-school',
  async run(ctx) {
    await seedDemoSchool(ctx);
    const file = join(ctx.config.dataDir, DEMO_ACCOUNTS_FILE);
    await writeFile(file, `${JSON.stringify(demoAccountEntries(), null, 2)}\n`, { mode: 0o600 });
    ctx.logger.info({ file, accounts: DEMO_ACCOUNTS.length }, 'demo school seeded');
  },
};
