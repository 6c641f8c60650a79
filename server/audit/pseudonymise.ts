/**
 * Pseudonymising a person's audit entries (issue 17, Deliver 3: called by the deletion job once a departed
 * person's data is erased). Every entry of the school's chain that names them (actor, target or owner id, their
 * id, login, e-mail or name in the reason) is rewritten: their ids and login become a stable pseudonym
 * (`ancien-<12 hex of the audit key's HMAC of the id>`: their entries still go together), their name « Ancien
 * élève » / « Ancien parent » / « Ancien membre », and the network details of what they did (IP, browser,
 * session) are dropped.
 *
 * The chain is not re-hashed: a rewritten entry keeps its original `hash` and `mac` (the links, the checkpoints
 * and the signature stay valid) and carries `pseudo`: the hash of its new content, and the audit key's HMAC of
 * both hashes. `verifyChain` checks the content against `pseudo.hash` and `pseudo.mac` with the key, so a rewrite
 * by whoever lacks the key is still found (`altered`, or `forged` when hashes were recomputed). Only entries that
 * verify are rewritten (a tampered entry is never laundered by a new signature). The rewrite and its own
 * `audit.pseudonymised` entry (which names the pseudonym only) commit in one transaction.
 */
import type { AuditEntry } from '../../shared/audit/events';
import type { Profile } from '../../shared/identity/profiles';
import { AUDIT_PSEUDONYMISE_PAGE } from '../../shared/audit/limits';
import { auditedChange } from './command';
import type { ServerContext } from '../context';
import { hmac } from './canonical';
import { entrySigned, pseudoMac, pseudoSigned } from './checkpoints';
import { bodyOf, hashOf } from './verify';

/** What is known of the person besides their id (read from their account when it still exists). */
export interface AuditSubject {
  login?: string | null;
  displayName?: string | null;
  emails?: string[];
  profiles?: Profile[];
}

/** The words that replace a departed person's name. */
export function formerLabel(profiles: readonly Profile[]): string {
  if (profiles.includes('pupil')) return 'Ancien élève';
  if (profiles.includes('parent')) return 'Ancien parent';
  return 'Ancien membre';
}

/** The stable pseudonym of a person in the log: the same for each of their entries, not reversible without the key. */
export function auditPseudonym(key: Uint8Array, userId: string): string {
  return `ancien-${hmac(key, 'preau-audit-pseudonym-id-v1', userId).slice(0, 12)}`;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A needle as a whole word (case-insensitive): « Léa » in « Léa Martin », not « li » in « valid ». */
const wordPattern = (needle: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])${escape(needle)}(?![\\p{L}\\p{N}])`, 'giu');

/** Replaces every whole-word occurrence of the needles in a text, in order (whole names before their parts). */
function replaceAll(text: string, replacements: Array<[RegExp, string]>): string {
  let out = text;
  for (const [pattern, by] of replacements) out = out.replace(pattern, by);
  return out;
}

/** Pseudonymises every entry of `schoolId`'s chain that names `userId`; returns how many were rewritten. */
export async function pseudonymiseAuditSubject(ctx: ServerContext, schoolId: string, userId: string, known: AuditSubject = {}): Promise<{ rewritten: number; skipped: number; pseudonym: string }> {
  const { entries, anchor } = ctx.services.audit.internals();
  if (!anchor) throw new Error('pseudonymisation needs the audit key');
  const user = await ctx.services.directory.users.findOne({ _id: userId });
  const pseudonym = auditPseudonym(anchor.key, userId);
  const label = formerLabel(known.profiles ?? user?.profiles ?? []);
  const name = known.displayName ?? user?.displayName ?? null;
  const login = known.login ?? user?.login ?? null;
  // Longest first: the e-mail before the login it may contain. Their whole name only: a word of it (« Martin »)
  // also names a sibling or a homonym, whose entries stay as they are.
  const identifiers = [userId, ...(known.emails ?? []), ...(login ? [login] : [])].filter((text) => text.length > 0);
  const names = name && name.trim().length > 0 ? [name] : [];
  const replacements: Array<[RegExp, string]> = [
    ...identifiers.sort((a, b) => b.length - a.length).map((text): [RegExp, string] => [wordPattern(text), pseudonym]),
    ...names.sort((a, b) => b.length - a.length).map((text): [RegExp, string] => [wordPattern(text), label]),
  ];
  const names_ = (text: string | null): boolean => text !== null && replacements.some(([pattern]) => text.search(pattern) >= 0);
  const rewrite = (text: string | null): string | null => (text === null ? null : replaceAll(text, replacements));

  return auditedChange(ctx, async (record) => {
    let rewritten = 0;
    let skipped = 0;
    let after = 0;
    for (;;) {
      const page: AuditEntry[] = await entries.find({ schoolId, seq: { $gt: after } }, { sort: { seq: 1 }, limit: AUDIT_PSEUDONYMISE_PAGE });
      for (const entry of page) {
        after = entry.seq;
        const acted = entry.actor.userId === userId;
        if (!acted && ![entry.actor.userId, entry.target.id, entry.target.ownerId, entry.reason].some(names_)) continue;
        // Never re-sign an entry that does not verify: the verification must still find it.
        const intact = hashOf(bodyOf(entry)) === (entry.pseudo?.hash ?? entry.hash) && entrySigned(anchor.key, entry) && (entry.pseudo === undefined || pseudoSigned(anchor.key, entry));
        if (!intact) {
          skipped += 1;
          continue;
        }
        const next: AuditEntry = {
          ...entry,
          actor: {
            ...entry.actor,
            userId: rewrite(entry.actor.userId),
            ...(acted ? { ip: null, userAgent: null, sessionHash: null } : {}),
          },
          target: { ...entry.target, id: rewrite(entry.target.id), ownerId: rewrite(entry.target.ownerId) },
          reason: rewrite(entry.reason),
        };
        const newHash = hashOf(bodyOf(next));
        const pseudo = { hash: newHash, mac: pseudoMac(anchor.key, entry.hash, newHash) };
        await entries.updateOne({ _id: entry._id }, { $set: { actor: next.actor, target: next.target, reason: next.reason, pseudo } });
        rewritten += 1;
      }
      if (page.length < AUDIT_PSEUDONYMISE_PAGE) break;
    }
    if (skipped > 0) ctx.logger.error({ schoolId, skipped }, 'audit pseudonymisation: entries that do not verify were left as they are');
    await record({
      schoolId,
      actor: { userId: null },
      origin: 'job',
      event: 'audit.pseudonymised',
      target: { type: 'user', id: pseudonym, ownerId: null },
      reason: `${rewritten} entries pseudonymised${skipped > 0 ? `, ${skipped} left (they do not verify)` : ''}`,
    });
    return { rewritten, skipped, pseudonym };
  });
}
