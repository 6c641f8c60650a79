/**
 * The yearly class-list import (BRIEF rule 11: personal data is updated at the start of each school year):
 * one CSV of pupils and their legal guardians becomes accounts, class memberships and guardianships.
 * The file format is described in `csv.ts`.
 */
import { AppError } from '../../../shared/errors';
import type { ImportedAccount } from '../../../shared/identity/api';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { generatePassword } from '../auth/passwords';
import { personKey, parseClassList, type ClassListRow, type PersonName } from './csv';
import { hashPasswords, insertUser, loginBase } from './logins';
import { presentUser, type ClassDoc, type UserDoc } from './model';
import { classOfSchool, directoryEvent, newUserFields, type CommandAuthor } from './service';

const displayNameOf = (name: PersonName): string => `${name.firstName} ${name.lastName}`;

interface PlannedAccount {
  key: string;
  kind: 'pupil' | 'parent';
  name: PersonName;
  /** For a parent: the pupils (keys) they are a guardian of, in file order. */
  childKeys: string[];
}

/**
 * Who to create: each pupil, and each guardian once per import even when they appear on several lines (the
 * parents of siblings). Guardians are matched by display name within this file only: across imports, two
 * homonyms are more likely than the same person, so an existing account is never reused silently.
 */
function plan(rows: ClassListRow[]): PlannedAccount[] {
  const accounts: PlannedAccount[] = [];
  const parents = new Map<string, PlannedAccount>();
  for (const row of rows) {
    const pupilKey = `pupil:${personKey(row.pupil)}`;
    accounts.push({ key: pupilKey, kind: 'pupil', name: row.pupil, childKeys: [] });
    for (const guardian of row.guardians) {
      const key = `parent:${personKey(guardian)}`;
      const known = parents.get(key);
      if (known) {
        known.childKeys.push(pupilKey);
        continue;
      }
      const planned: PlannedAccount = { key, kind: 'parent', name: guardian, childKeys: [pupilKey] };
      parents.set(key, planned);
      accounts.push(planned);
    }
  }
  return accounts;
}

/**
 * Imports a class list into a class of the author's school (`loaded`: the class as the route's check loaded it).
 * The whole file is validated first, and nothing is created unless every line is valid (VALIDATION with one
 * issue per faulty line, path `line N`). Every account, link and the import's audit event are then written in
 * ONE transaction: all of them or, should anything fail, none. Returns the created accounts with their initial
 * passwords, pupils each followed by their new guardians.
 */
export async function importClassList(
  ctx: ServerContext,
  by: CommandAuthor,
  input: { classId: string; csv: string },
  loaded?: ClassDoc | null,
): Promise<ImportedAccount[]> {
  const { directory } = ctx.services;
  const target = loaded?._id === input.classId && loaded.schoolId === by.schoolId ? loaded : await classOfSchool(ctx, by.schoolId, input.classId);
  const { rows, issues } = parseClassList(input.csv);
  if (issues.length > 0) throw new AppError('VALIDATION', `The file has ${issues.length} problem(s)`, issues);

  const planned = plan(rows);
  const passwords = planned.map(() => generatePassword());
  // argon2 is slow on purpose: every hash is made before the transaction, which holds the store while it runs.
  const hashes = await hashPasswords(passwords);

  return auditedChange(ctx, async (record) => {
    // Accounts first, links after: a guardian met again on a later line is linked to a pupil created after them.
    const created = new Map<string, UserDoc>();
    for (const [index, account] of planned.entries()) {
      const fields = newUserFields(by.schoolId, {
        displayName: displayNameOf(account.name),
        profiles: [account.kind],
        passwordHash: hashes[index]!,
        mustChangePassword: true,
      });
      const user = await insertUser(directory, { base: loginBase(account.name.firstName, account.name.lastName) }, fields);
      created.set(account.key, user);
      if (account.kind === 'pupil') {
        await directory.memberships.insertOne({ schoolId: by.schoolId, userId: user._id, kind: 'class', targetId: target._id, role: 'pupil' });
      }
    }
    const results: ImportedAccount[] = [];
    for (const [index, account] of planned.entries()) {
      const user = created.get(account.key)!;
      const children = account.childKeys.map((key) => created.get(key)!);
      for (const child of children) {
        await directory.guardianships.insertOne({ schoolId: by.schoolId, parentId: user._id, childId: child._id });
      }
      results.push({
        user: presentUser(user),
        initialPassword: passwords[index]!,
        kind: account.kind,
        ...(children.length > 0 ? { childDisplayName: children.map((child) => child.displayName).join(', ') } : {}),
      });
    }

    const pupils = results.filter((account) => account.kind === 'pupil').length;
    await record(
      directoryEvent(by, {
        event: 'user.imported',
        target: { type: 'class', id: target._id, ownerId: null },
        classId: target._id,
        fields: ['users', 'memberships', 'guardianships'],
        after: results.map((account) => account.user.id),
        reason: `${pupils} pupils and ${results.length - pupils} parents imported into ${target.name}`,
      }),
    );
    return results;
  });
}
