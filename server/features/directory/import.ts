/**
 * The yearly class-list import (BRIEF rule 11: personal data is updated at the start of each school year):
 * one CSV of pupils and their legal guardians (Préau's list or ONDE's export, format in `csv.ts` and `onde.ts`)
 * is matched against the school's accounts (`import-match.ts`), previewed, and applied in ONE transaction once
 * the director confirms: new accounts, updated ones, pupils moved into the class, guardianships, one audit event.
 */
import { AppError } from '../../../shared/errors';
import type { ImportedAccount } from '../../../shared/identity/api';
import type { ImportApplied, ImportPreview } from '../../../shared/identity/import-preview';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { generatePassword } from '../auth/passwords';
import { parseClassList } from './csv';
import { planImport, planToken, previewOf, type ImportPlan, type PersonRef } from './import-match';
import { hashPasswords, insertUser, loginBase } from './logins';
import { presentUser, type ClassDoc, type UserDoc } from './model';
import { classOfSchool, directoryEvent, newUserFields, type CommandAuthor } from './service';

/** The store changed between the preview and the confirmation: the director reads the new preview. */
export class StaleImportError extends AppError {
  constructor(readonly preview: ImportPreview) {
    super('CONFLICT', 'L’annuaire a changé depuis l’aperçu : vérifiez le nouvel aperçu puis confirmez à nouveau.');
  }
}

type Input = { classId: string; csv: string };

async function targetOf(ctx: ServerContext, by: CommandAuthor, classId: string, loaded?: ClassDoc | null): Promise<ClassDoc> {
  return loaded?._id === classId && loaded.schoolId === by.schoolId ? loaded : classOfSchool(ctx, by.schoolId, classId);
}

/** The plan of an import as the store is now (problems of the file included, nothing planned then). */
async function planOf(ctx: ServerContext, target: ClassDoc, csv: string): Promise<ImportPlan> {
  const { format, rows, issues } = parseClassList(csv);
  if (issues.length > 0) return { format, classId: target._id, created: [], updated: [], joins: [], links: [], leftOut: [], unchanged: 0, problems: issues };
  return planImport(ctx, target, format, rows);
}

/** `POST …/import/preview`: what the import would do; nothing is written. */
export async function previewImport(ctx: ServerContext, by: CommandAuthor, input: Input, loaded?: ClassDoc | null): Promise<ImportPreview> {
  const plan = await planOf(ctx, await targetOf(ctx, by, input.classId, loaded), input.csv);
  return previewOf(plan, planToken(plan));
}

/**
 * `POST …/import/apply`: applies the plan the director confirmed (`token` from the preview; without one, as
 * the plan is now). A file with problems changes nothing (VALIDATION, one issue per problem, by line and
 * column); a plan that changed since the preview changes nothing (StaleImportError, 409, with the new preview).
 * Re-importing the same file plans nothing and writes nothing.
 */
export async function applyImport(ctx: ServerContext, by: CommandAuthor, input: Input & { token?: string }, loaded?: ClassDoc | null): Promise<ImportApplied> {
  const target = await targetOf(ctx, by, input.classId, loaded);
  const first = await planOf(ctx, target, input.csv);
  if (first.problems.length > 0) throw new AppError('VALIDATION', `The file has ${first.problems.length} problem(s)`, first.problems);
  const token = input.token ?? planToken(first);
  if (planToken(first) !== token) throw new StaleImportError(previewOf(first, planToken(first)));
  const passwords = first.created.map(() => generatePassword());
  // argon2 is slow on purpose: every hash is made before the transaction, which holds the store while it runs.
  const hashes = await hashPasswords(passwords);

  return auditedChange(ctx, async (record) => {
    // Planned again inside the transaction: what is written is exactly what was confirmed.
    const plan = await planOf(ctx, target, input.csv);
    if (planToken(plan) !== token) throw new StaleImportError(previewOf(plan, planToken(plan)));
    const counts = { created: plan.created.length, updated: plan.updated.length, moved: plan.joins.filter((join) => join.fromClasses.length > 0).length, leftOut: plan.leftOut.length };
    if (plan.created.length + plan.updated.length + plan.joins.length + plan.links.length === 0) return { accounts: [], counts };
    const accounts = await writePlan(ctx, by, target, plan, passwords, hashes);
    const pupils = plan.created.filter((created) => created.kind === 'pupil').length;
    await record(
      directoryEvent(by, {
        event: 'user.imported',
        target: { type: 'class', id: target._id, ownerId: null },
        classId: target._id,
        fields: ['users', 'memberships', 'guardianships'],
        after: [...accounts.map((account) => account.user.id), ...plan.updated.map((update) => update.userId)],
        reason: `${target.name}: ${pupils} pupils and ${plan.created.length - pupils} parents created, ${counts.updated} accounts updated, ${counts.moved} pupils moved, ${counts.leftOut} left out`,
      }),
    );
    return { accounts, counts };
  });
}

/** Writes a plan (inside the caller's transaction); returns the created accounts with their passwords. */
async function writePlan(ctx: ServerContext, by: CommandAuthor, target: ClassDoc, plan: ImportPlan, passwords: string[], hashes: string[]): Promise<ImportedAccount[]> {
  const { directory } = ctx.services;
  const created = new Map<string, UserDoc>();
  for (const [index, account] of plan.created.entries()) {
    const fields = {
      ...newUserFields(by.schoolId, { displayName: `${account.name.firstName} ${account.name.lastName}`, profiles: [account.kind], passwordHash: hashes[index]!, mustChangePassword: true }),
      ...(account.birthDate ? { birthDate: account.birthDate } : {}),
      ...(account.pupilId ? { pupilId: account.pupilId } : {}),
    };
    created.set(account.key, await insertUser(directory, { base: loginBase(account.name.firstName, account.name.lastName) }, fields));
  }
  const idOf = (ref: PersonRef): string => ('id' in ref ? ref.id : created.get(ref.key)!._id);
  for (const update of plan.updated) {
    if (Object.keys(update.set).length > 0) await directory.users.updateOne({ _id: update.userId }, { $set: { ...update.set, updatedAt: Date.now() } });
  }
  for (const join of plan.joins) {
    for (const membershipId of join.leaveMembershipIds) await directory.memberships.deleteOne({ _id: membershipId });
    await directory.memberships.insertOne({ schoolId: by.schoolId, userId: idOf(join.pupil), kind: 'class', targetId: target._id, role: 'pupil' });
  }
  const childrenOf = new Map<string, string[]>();
  for (const link of plan.links) {
    const childId = idOf(link.child);
    await directory.guardianships.insertOne({ schoolId: by.schoolId, parentId: idOf(link.parent), childId });
    if ('key' in link.parent) childrenOf.set(link.parent.key, [...(childrenOf.get(link.parent.key) ?? []), childId]);
  }
  const names = new Map([...created.values()].map((user) => [user._id, user.displayName]));
  const childName = async (id: string): Promise<string> => names.get(id) ?? (await directory.users.findOne({ _id: id }))?.displayName ?? '';
  const accounts: ImportedAccount[] = [];
  for (const [index, account] of plan.created.entries()) {
    const children = await Promise.all((childrenOf.get(account.key) ?? []).map(childName));
    accounts.push({
      user: presentUser(created.get(account.key)!),
      initialPassword: passwords[index]!,
      kind: account.kind,
      ...(children.length > 0 ? { childDisplayName: children.join(', ') } : {}),
    });
  }
  return accounts;
}

/** Imports a class list at once, as planned now (tools and the former route; the director's page previews first). */
export async function importClassList(ctx: ServerContext, by: CommandAuthor, input: Input, loaded?: ClassDoc | null): Promise<ImportedAccount[]> {
  return (await applyImport(ctx, by, input, loaded)).accounts;
}
