/**
 * Seeds the demo school of `demo-roster.ts` on an empty store, so that `npm start` gives a school to try: its
 * classes, groups, accounts (with the roster's public demo passwords), memberships and guardianships.
 *
 * Idempotent, as `seedIfEmpty` requires: every document has a stable id; accounts are inserted only when
 * missing (read in the transaction) and never re-hashed nor touched, everything else is written with upserts
 * that only insert (`$setOnInsert`). The whole school and its audit event are one transaction, so a seed
 * interrupted half-way leaves nothing, and two runs at once (a process taking over from one that seemed dead)
 * create each document once.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import type { Seeder } from '../../lifecycle/seed';
import { mainProfile } from '../../http/request-state';
import { DEMO_ACCOUNTS, DEMO_CLASSES, DEMO_GROUPS, DEMO_SCHOOL } from './demo-roster';
import { hashPasswords, searchTextOf } from './logins';
import type { MembershipDoc } from './model';
import { directoryEvent } from './service';

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

function demoMemberships(): Omit<MembershipDoc, '_id'>[] {
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
  return memberships;
}

async function seedDemoSchool(ctx: ServerContext): Promise<void> {
  const { directory } = ctx.services;
  const now = Date.now();
  const insertOnly = <T extends object>(fields: T) => ({ $setOnInsert: fields });

  // Only the missing accounts are hashed, and before the transaction: argon2 is deliberately slow.
  const ids = DEMO_ACCOUNTS.map((account) => demoUserId(account.login));
  const existing = new Set((await directory.users.find({ _id: { $in: ids } })).map((user) => user._id));
  const missing = DEMO_ACCOUNTS.filter((account) => !existing.has(demoUserId(account.login)));
  const hashes = await hashPasswords(missing.map((account) => account.password));
  const hashOf = new Map(missing.map((account, index) => [account.login, hashes[index]!]));

  await auditedChange(ctx, async (record) => {
    await directory.schools.updateOne({ _id: DEMO_SCHOOL_ID }, insertOnly({ ...DEMO_SCHOOL, createdAt: now }), { upsert: true });
    for (const demoClass of DEMO_CLASSES) {
      const { key: _key, ...fields } = demoClass;
      await directory.classes.updateOne({ _id: demoClassId(demoClass.key) }, insertOnly({ schoolId: DEMO_SCHOOL_ID, ...fields, createdAt: now }), { upsert: true });
    }
    for (const group of DEMO_GROUPS) {
      await directory.groups.updateOne({ _id: demoGroupId(group.key) }, insertOnly({ schoolId: DEMO_SCHOOL_ID, name: group.name, createdAt: now }), { upsert: true });
    }

    // (A demo login taken by another account fails loudly on the unique index: the seed expects an empty store.)
    const created: string[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const passwordHash = hashOf.get(account.login);
      // Already there (read again here: another run may have created it since), or there before and removed since.
      if (!passwordHash || (await directory.users.findOne({ _id: demoUserId(account.login) }))) continue;
      await directory.users.insertOne({
        _id: demoUserId(account.login),
        schoolId: DEMO_SCHOOL_ID,
        login: account.login,
        displayName: account.displayName,
        searchText: searchTextOf(account.displayName, account.login),
        profiles: account.profiles,
        status: 'active',
        deletionDate: null,
        passwordHash,
        // Demo passwords are published in the README: nobody is forced to change them on a demo instance.
        mustChangePassword: false,
        createdAt: now,
        updatedAt: now,
      });
      created.push(account.login);
    }

    for (const membership of demoMemberships()) {
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
    if (created.length > 0) {
      await record(
        directoryEvent(
          { schoolId: DEMO_SCHOOL_ID, userId: null, actor: { userId: null }, origin: 'job' },
          {
            event: 'user.imported',
            target: { type: 'school', id: DEMO_SCHOOL_ID, ownerId: null },
            fields: ['users', 'memberships', 'guardianships'],
            after: created,
            reason: 'demo seed',
          },
        ),
      );
    }
  });
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
