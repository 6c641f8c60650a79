/**
 * What stays of a departed person once their own data is erased (their contributions kept as the class's work,
 * pad attribution, moderation records): every stored string naming them is rewritten. Their id becomes their
 * pseudonym, their name the « Ancien élève » / « Ancien parent » label, their login and e-mail the pseudonym.
 * A record whose own id holds their id (a read mark, a mute) is deleted instead. The audit log is not touched
 * here: its entries are pseudonymised with their signatures (server/audit/pseudonymise.ts).
 */
import type { ServerContext } from '../../context';
import type { BaseDoc } from '../../storage/port';

/** Every collection that may name a person besides the audit log (binary values, e.g. Yjs updates, are left as they are). */
const NAMING_COLLECTIONS = [
  'wall_cards',
  'wall_comments',
  'forum_topics',
  'forum_posts',
  'forum_revisions',
  'chat_messages',
  'pad_snapshots',
  'pad_updates',
  'pad_versions',
  'pad_version_states',
  'spaces',
  'blobs',
  'reports',
  'evidence',
  'notifications',
  'rectifications',
  'classes',
  'groups',
  'schools',
] as const;

export interface ScrubTarget {
  userId: string;
  /** Their school: only its records are read (a homonym elsewhere is someone else). */
  schoolId: string;
  pseudonym: string;
  /** « Ancien élève », « Ancien parent » or « Ancien membre ». */
  label: string;
  /** Their display name (replaced by the label), login and e-mail addresses (replaced by the pseudonym). */
  texts: string[];
}

type Rewrite = (text: string) => string;

/** A copy of a stored value with every string rewritten (binary values and numbers as they are). */
function rewritten(value: unknown, rewrite: Rewrite): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map((item) => rewritten(item, rewrite));
  if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewritten(item, rewrite)]));
  }
  return value;
}

/** Every string of a stored value (for the quick check of whether it names the person). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) for (const item of Object.values(value)) strings(item, out);
  return out;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A needle as a whole word: `l.martin` not inside `l.martin2`, « Léa Martin » not inside « Léa Martinez ». */
const wordPattern = (needle: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}._-])${escape(needle)}(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`, 'gu');

/** Rewrites every record naming the person; returns how many were rewritten or deleted. */
export async function scrubPerson(ctx: ServerContext, target: ScrubTarget, collections: readonly string[] = NAMING_COLLECTIONS): Promise<number> {
  const [name, ...identifiers] = target.texts;
  const byId: Array<[string, string]> = [[target.userId, target.pseudonym]];
  const byText: Array<[string, string]> = [...byId];
  for (const text of identifiers) if (text.length > 0) byText.push([text, target.pseudonym]);
  if (name) byText.push([name, target.label]);
  // Longest first: the e-mail before the login it may contain.
  // Their id as it is (a record's id may hold it, e.g. `<id>_<room>`); names, logins and e-mails as whole words.
  const compile = (list: Array<[string, string]>): Array<[RegExp, string]> =>
    [...list]
      .sort((a, b) => b[0].length - a[0].length)
      .map(([needle, by]): [RegExp, string] => [needle === target.userId ? new RegExp(escape(needle), 'gu') : wordPattern(needle), by]);
  const scrubber = (list: Array<[RegExp, string]>) => {
    const names = (text: string): boolean => list.some(([pattern]) => text.search(pattern) >= 0);
    const rewrite: Rewrite = (text) => (names(text) ? list.reduce((out, [pattern, by]) => out.replace(pattern, by), text) : text);
    return { names, rewrite };
  };
  // Records of their school: their id, name, login and e-mail; records of no school: their id only.
  const inSchool = scrubber(compile(byText));
  const schoolless = scrubber(compile(byId));
  let changed = 0;
  for (const collectionName of collections) {
    const collection = ctx.store.collection<BaseDoc>(collectionName);
    const scans: Array<[BaseDoc[], ReturnType<typeof scrubber>]> =
      collectionName === 'schools'
        ? [[await collection.find({ _id: target.schoolId }), inSchool]]
        : [
            [await collection.find({ schoolId: target.schoolId }), inSchool],
            [await collection.find({ schoolId: { $exists: false } }), schoolless],
          ];
    for (const [docs, { names, rewrite }] of scans) {
      for (const doc of docs) {
        if (!strings(doc).some(names)) continue;
        if (names(doc._id)) {
          await collection.deleteOne({ _id: doc._id });
        } else {
          const { _id, ...rest } = doc;
          await collection.replaceOne({ _id }, rewritten(rest, rewrite) as Omit<BaseDoc, '_id'>);
        }
        changed += 1;
      }
    }
  }
  return changed;
}
