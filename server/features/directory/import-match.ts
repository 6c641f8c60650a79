/**
 * Who is who in a class list: each line's pupil and guardians matched against the school's accounts, and the
 * plan of what the import will create, update, move and leave out. Pure reading: the plan is written by
 * `import.ts`, inside one transaction, after the director confirmed the preview built from it.
 *
 * Pupils are matched by the school's identifier (ONDE's INE) when the file has one, else by name (folded: case,
 * accents, spaces) and birth date, else by name alone when exactly one pupil of the school bears it. Guardians
 * are matched by name among the guardians of the pupil, or of a sibling (a pupil of the same family name, or
 * one whose line names the same guardian); anyone else is a new account, created once per file.
 */
import { createHash } from 'node:crypto';
import type { ValidationIssue } from '../../../shared/errors';
import type { ImportField, ImportFormat, ImportPreview } from '../../../shared/identity/import-preview';
import type { ServerContext } from '../../context';
import { personKey, type ClassListRow, type PersonName } from './csv';
import { foldForSearch, type ClassDoc, type MembershipDoc, type UserDoc } from './model';

/** The identity fields an import keeps on a pupil (never sent to clients: `presentUser` whitelists). */
export type IdentifiedUser = UserDoc & { birthDate?: string | null; pupilId?: string | null };

/** A person of the plan: an existing account (`id`) or one the import creates (`key`). */
export type PersonRef = { id: string } | { key: string };

export interface PlannedCreation {
  key: string;
  kind: 'pupil' | 'parent';
  name: PersonName;
  line: number;
  birthDate: string | null;
  pupilId: string | null;
}

export interface PlannedUpdate {
  userId: string;
  kind: 'pupil' | 'parent';
  displayName: string;
  login: string;
  line: number;
  set: Partial<Pick<IdentifiedUser, 'displayName' | 'birthDate' | 'pupilId'>>;
  fields: ImportField[];
}

export interface ImportPlan {
  format: ImportFormat;
  classId: string;
  created: PlannedCreation[];
  updated: PlannedUpdate[];
  /** Pupils joining the class: from another class (their memberships there removed) or from none. */
  joins: { pupil: PersonRef; line: number; displayName: string; login?: string; leaveMembershipIds: string[]; fromClasses: string[] }[];
  links: { parent: PersonRef; child: PersonRef }[];
  leftOut: { userId: string; displayName: string; login: string }[];
  unchanged: number;
  problems: ValidationIssue[];
}

const displayNameOf = (name: PersonName): string => `${name.firstName} ${name.lastName}`;
const lastNameKey = (name: PersonName): string => foldForSearch(name.lastName).replace(/\s+/g, ' ').trim();
const foldedName = (user: UserDoc): string => foldForSearch(user.displayName).replace(/\s+/g, ' ').trim();

const problemAt = (line: number, code: string, message: string, params: Record<string, string | number>): ValidationIssue => ({
  path: `line ${line}`,
  code,
  message,
  params,
});

/** Builds the plan of importing `rows` into `target` from the store as it is now. */
export async function planImport(ctx: ServerContext, target: ClassDoc, format: ImportFormat, rows: ClassListRow[]): Promise<ImportPlan> {
  const { directory } = ctx.services;
  // A removed account (pending_deletion, awaiting erasure) is never matched: its person, on a list again, gets a
  // new account (the removed one stays disabled and is erased on its day), and no new child is linked to it.
  const users = ((await directory.users.find({ schoolId: target.schoolId })) as IdentifiedUser[]).filter((user) => user.status !== 'pending_deletion');
  const pupils = users.filter((user) => user.profiles.includes('pupil'));
  const parents = users.filter((user) => user.profiles.includes('parent'));
  const pupilIds = pupils.map((pupil) => pupil._id);
  const allMemberships: MembershipDoc[] = pupilIds.length === 0 ? [] : await directory.memberships.find({ userId: { $in: pupilIds }, kind: 'class', role: 'pupil' });
  // A membership with `until` is of last year's class (kept by a new school year for reading its archive): never
  // the pupil's current class, never removed by an import; a pupil only in one is « moved » from it.
  const memberships = allMemberships.filter((membership) => typeof membership.until !== 'number');
  const formerMemberships = allMemberships.filter((membership) => typeof membership.until === 'number');
  const links = parents.length === 0 ? [] : await directory.guardianships.find({ parentId: { $in: parents.map((parent) => parent._id) } });
  const classNames = new Map((await directory.classes.find({ schoolId: target.schoolId })).map((found) => [found._id, found.name]));
  const byId = new Map(users.map((user) => [user._id, user]));
  const childrenOf = (parentId: string): IdentifiedUser[] => links.filter((link) => link.parentId === parentId).map((link) => byId.get(link.childId)).filter((child): child is IdentifiedUser => !!child);

  const plan: ImportPlan = { format, classId: target._id, created: [], updated: [], joins: [], links: [], leftOut: [], unchanged: 0, problems: [] };
  const matchedPupils = new Map<string, number>();
  const newParents = new Map<string, string>();

  for (const row of rows) {
    const key = personKey(row.pupil);
    const pupil = matchPupil(pupils, row, key);
    if (pupil === 'ambiguous') {
      plan.problems.push(problemAt(row.line, 'ambiguousPupil', 'several pupils of the school bear this name: add their birth date', { column: 'pupilLastName' }));
      continue;
    }
    if (pupil && matchedPupils.has(pupil._id)) {
      plan.problems.push(problemAt(row.line, 'samePupilTwice', `the same pupil as on line ${matchedPupils.get(pupil._id)}`, { column: 'pupilLastName', line: matchedPupils.get(pupil._id)! }));
      continue;
    }
    let changed = false;
    let pupilRef: PersonRef;
    if (pupil) {
      matchedPupils.set(pupil._id, row.line);
      pupilRef = { id: pupil._id };
      const set: PlannedUpdate['set'] = {};
      const fields: ImportField[] = [];
      if (row.pupilId && pupil.pupilId === row.pupilId && foldedName(pupil) !== key) {
        set.displayName = displayNameOf(row.pupil);
        fields.push('displayName');
      }
      if (row.birthDate && pupil.birthDate !== row.birthDate) {
        set.birthDate = row.birthDate;
        fields.push('birthDate');
      }
      if (row.pupilId && pupil.pupilId !== row.pupilId) {
        set.pupilId = row.pupilId;
        fields.push('pupilId');
      }
      const own = memberships.filter((membership) => membership.userId === pupil._id);
      if (!own.some((membership) => membership.targetId === target._id)) {
        const from = own.length > 0 ? own : formerMemberships.filter((membership) => membership.userId === pupil._id);
        plan.joins.push({
          pupil: pupilRef,
          line: row.line,
          displayName: pupil.displayName,
          login: pupil.login,
          leaveMembershipIds: own.map((membership) => membership._id),
          fromClasses: from.map((membership) => classNames.get(membership.targetId) ?? ''),
        });
        if (from.length === 0) fields.push('class');
        changed = true;
      }
      if (fields.length > 0) {
        plan.updated.push({ userId: pupil._id, kind: 'pupil', displayName: pupil.displayName, login: pupil.login, line: row.line, set, fields });
        changed = true;
      }
    } else {
      const created: PlannedCreation = { key: `pupil:${row.line}`, kind: 'pupil', name: row.pupil, line: row.line, birthDate: row.birthDate, pupilId: row.pupilId };
      plan.created.push(created);
      pupilRef = { key: created.key };
      plan.joins.push({ pupil: pupilRef, line: row.line, displayName: displayNameOf(row.pupil), leaveMembershipIds: [], fromClasses: [] });
      changed = true;
    }

    for (const guardian of row.guardians) {
      const guardianKey = personKey(guardian);
      const sameName = parents.filter((parent) => foldedName(parent) === guardianKey);
      const linkedToPupil = pupil ? sameName.filter((parent) => links.some((link) => link.parentId === parent._id && link.childId === pupil._id)) : [];
      const siblingsOf = (parent: IdentifiedUser): boolean =>
        childrenOf(parent._id).some((child) => foldedName(child).endsWith(` ${lastNameKey(row.pupil)}`) || rows.some((other) => other !== row && other.guardians.some((g) => personKey(g) === guardianKey) && personKey(other.pupil) === foldedName(child)));
      const found = linkedToPupil[0] ?? (sameName.filter(siblingsOf).length === 1 ? sameName.find(siblingsOf) : undefined);
      if (found) {
        if (linkedToPupil.length > 0) continue;
        plan.links.push({ parent: { id: found._id }, child: pupilRef });
        const existing = plan.updated.find((update) => update.userId === found._id);
        if (existing) existing.fields = [...new Set([...existing.fields, 'guardianLink' as const])];
        else plan.updated.push({ userId: found._id, kind: 'parent', displayName: found.displayName, login: found.login, line: row.line, set: {}, fields: ['guardianLink'] });
        changed = true;
        continue;
      }
      let planned = newParents.get(guardianKey);
      if (!planned) {
        planned = `parent:${guardianKey}`;
        newParents.set(guardianKey, planned);
        plan.created.push({ key: planned, kind: 'parent', name: guardian, line: row.line, birthDate: null, pupilId: null });
      }
      plan.links.push({ parent: { key: planned }, child: pupilRef });
      changed = true;
    }
    if (!changed) plan.unchanged += 1;
  }

  for (const membership of memberships.filter((found) => found.targetId === target._id)) {
    if (matchedPupils.has(membership.userId)) continue;
    const user = byId.get(membership.userId);
    if (user) plan.leftOut.push({ userId: user._id, displayName: user.displayName, login: user.login });
  }
  return plan;
}

/** The pupil of the school a line is about: by identifier, else name and birth date, else a unique name. */
function matchPupil(pupils: IdentifiedUser[], row: ClassListRow, key: string): IdentifiedUser | 'ambiguous' | null {
  if (row.pupilId) {
    const byId = pupils.filter((pupil) => pupil.pupilId === row.pupilId);
    if (byId.length === 1) return byId[0]!;
  }
  // A pupil already known under another identifier is another person.
  const named = pupils.filter((pupil) => foldedName(pupil) === key && !(row.pupilId && pupil.pupilId && pupil.pupilId !== row.pupilId));
  if (row.birthDate) {
    const born = named.filter((pupil) => pupil.birthDate === row.birthDate);
    if (born.length === 1) return born[0]!;
    if (born.length > 1) return 'ambiguous';
    const undated = named.filter((pupil) => !pupil.birthDate);
    if (undated.length === 1) return undated[0]!;
    return undated.length > 1 ? 'ambiguous' : null;
  }
  if (named.length === 1) return named[0]!;
  return named.length > 1 ? 'ambiguous' : null;
}

/** The plan's fingerprint: what the director saw is what is applied, or the answer is 409. */
export function planToken(plan: ImportPlan): string {
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex');
}

/** The plan as the director reads it. */
export function previewOf(plan: ImportPlan, token: string): ImportPreview {
  const moved = plan.joins.filter((join) => join.fromClasses.length > 0);
  return {
    format: plan.format,
    token,
    created: plan.created.map((created) => ({ line: created.line, displayName: displayNameOf(created.name), kind: created.kind })),
    updated: plan.updated.map((update) => ({ line: update.line, displayName: update.displayName, kind: update.kind, login: update.login, fields: update.fields })),
    moved: moved.map((join) => ({ line: join.line, displayName: join.displayName, kind: 'pupil' as const, ...(join.login ? { login: join.login } : {}), fromClasses: join.fromClasses })),
    leftOut: plan.leftOut.map((left) => ({ displayName: left.displayName, login: left.login, userId: left.userId, kind: 'pupil' as const })),
    unchanged: plan.unchanged,
    problems: plan.problems,
  };
}
