/**
 * THE verification of an audit chain, used by both the REST route (`AuditLog.verify`) and the CLI
 * (`npm run audit:verify`), so they report the same problems for the same store and checkpoints. It walks the
 * chain in order and checks each entry's hash, its link, its signature with the audit key, and the signed
 * checkpoints kept outside the store; see `shared/audit/chain.ts` for the kinds of problems.
 *
 * What it accepts: entries after the last checkpoint, as long as they are signed and linked (a crash between a
 * commit and its checkpoint is not tampering); gaps in the numbering whose links stay whole and that no
 * checkpoint contradicts (numbers a stopped server had reserved and the restarted one skipped): reported as
 * `skipped`. Entries without a signature at the start of a chain (written before the audit key existed).
 */
import { GENESIS_HASH, type AuditEntry } from '../../shared/audit/events';
import type { ChainProblem, ChainProblemKind, ChainVerification, SeqRange } from '../../shared/audit/chain';
import { AUDIT_VERIFY_MAX_PROBLEMS, AUDIT_VERIFY_PAGE } from '../../shared/audit/limits';
import type { Collection } from '../storage/port';
import { canonicalJson, sha256 } from './canonical';
import { entrySigned, pseudoSigned, readCheckpoints, type ChainStart, type CheckpointFile } from './checkpoints';

/** The stored fields covered by an entry's hash: everything but `_id`, `hash`, `mac` and `pseudo`. */
export function hashOf(body: Omit<AuditEntry, '_id' | 'hash' | 'mac' | 'pseudo'>): string {
  return sha256(canonicalJson(body));
}

/** An entry's content as hashed (without `_id`, `hash`, `mac`, `pseudo`). */
export function bodyOf(entry: AuditEntry): Omit<AuditEntry, '_id' | 'hash' | 'mac' | 'pseudo'> {
  const { _id: _ignored, hash: _hash, mac: _mac, pseudo: _pseudo, ...body } = entry;
  return body;
}

/** The reason of the `audit.purged` entry that goes with a chain's start: what the verification expects it to say. */
export function purgeReason(start: ChainStart): string {
  return `purged up to ${start.seq - 1}: ${start.purged} entries`;
}

/** A chain's signed starts (log retention), and the highest one: where its verification begins. */
export function chainStarts(anchor: AnchorState | null, chain: string): { all: ChainStart[]; current: ChainStart | null } {
  const all = (anchor?.file.valid ?? []).flatMap((line) => (line.chain === chain && line.start ? [line.start] : []));
  const current = all.reduce<ChainStart | null>((best, start) => (best === null || start.seq > best.seq ? start : best), null);
  return { all, current };
}

/** The audit key and the checkpoint file as read now: what a chain is checked against. */
export interface AnchorState {
  key: Uint8Array;
  file: CheckpointFile;
}

/** Reads the checkpoint file in `dir` with the audit key. */
export async function readAnchorState(dir: string, key: string | Uint8Array): Promise<AnchorState> {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  return { key: bytes, file: await readCheckpoints(dir, bytes) };
}

const PROBLEM_TEXT: Record<ChainProblemKind, (problem: ChainProblem) => string> = {
  missing: ({ fromSeq, toSeq }) => (fromSeq === toSeq ? `entry ${fromSeq} is missing` : `entries ${fromSeq}–${toSeq} are missing`),
  altered: () => 'content does not match its hash',
  link: () => 'link to the previous entry is broken',
  forged: () => 'not signed with the audit key (rewritten or inserted outside Préau)',
  rewritten: () => 'contradicts a signed checkpoint',
  anchor: () => 'the signed checkpoints were edited, or are missing for signed entries',
  key: () => 'no checkpoint verifies with the audit key (AUDIT_KEY changed, or the checkpoint file replaced)',
};

/** One problem in English, with its range: `entries 81–100 are missing`, `seq 7: content does not match its hash`. */
export function describeProblem(problem: ChainProblem): string {
  const text = PROBLEM_TEXT[problem.kind](problem);
  if (problem.kind === 'missing' || problem.fromSeq === null) return text;
  return problem.fromSeq === problem.toSeq ? `seq ${problem.fromSeq}: ${text}` : `seq ${problem.fromSeq}–${problem.toSeq}: ${text}`;
}

/** Problems as found, consecutive entries with the same kind grouped into one range. */
class Findings {
  readonly problems: ChainProblem[] = [];
  readonly skipped: SeqRange[] = [];
  truncated = false;

  add(kind: ChainProblemKind, fromSeq: number | null, toSeq: number | null = fromSeq): void {
    const last = this.problems.at(-1);
    if (last && last.kind === kind && last.toSeq !== null && fromSeq !== null && last.toSeq + 1 === fromSeq) {
      last.toSeq = toSeq;
      return;
    }
    if (last && last.kind === kind && last.fromSeq === null && fromSeq === null) return;
    if (this.problems.length >= AUDIT_VERIFY_MAX_PROBLEMS) this.truncated = true;
    else this.problems.push({ kind, fromSeq, toSeq });
  }
}

/** What the checkpoint file says about one chain. */
function attestations(anchor: AnchorState, chain: string): { bySeq: Map<number, Set<string>>; max: number | null } {
  const bySeq = new Map<number, Set<string>>();
  let max: number | null = null;
  for (const line of anchor.file.valid) {
    if (line.chain !== chain || line.seq === null || line.hash === null) continue;
    const hashes = bySeq.get(line.seq) ?? new Set<string>();
    hashes.add(line.hash);
    bySeq.set(line.seq, hashes);
    max = Math.max(max ?? 0, line.seq);
  }
  return { bySeq, max };
}

/** Verifies one chain of the store against the anchor (or alone, when `anchor` is null). */
export async function verifyChain(entries: Collection<AuditEntry>, chain: string, anchor: AnchorState | null): Promise<ChainVerification> {
  const found = new Findings();
  const attested = anchor ? attestations(anchor, chain) : { bySeq: new Map<number, Set<string>>(), max: null };
  const attestedWithin = (from: number, to: number): boolean => [...attested.bySeq.keys()].some((seq) => seq >= from && seq <= to);
  // With a key that verifies nothing in the file, the key is the problem: say it once rather than per entry.
  const keyWrong = anchor !== null && anchor.file.valid.length === 0 && anchor.file.invalid.length > 0;
  if (keyWrong) found.add('key', null);
  else if (anchor?.file.invalid.some((line) => line.chain === chain || line.chain === null)) found.add('anchor', null);
  let checkSignatures = anchor !== null && !keyWrong;
  // A purged chain (log retention) starts where its highest signed start says, linked to the hash it names;
  // entries before it are awaiting deletion and not read. The start line is signed: entries after it must be too.
  const starts = keyWrong ? { all: [], current: null } : chainStarts(anchor, chain);
  let signedSeen = starts.current !== null;
  let prev: { seq: number; hash: string } | null = starts.current ? { seq: starts.current.seq - 1, hash: starts.current.prevHash } : null;
  let count = 0;

  for (;;) {
    const page = await entries.find(prev ? { schoolId: chain, seq: { $gt: prev.seq } } : { schoolId: chain }, { sort: { seq: 1 }, limit: AUDIT_VERIFY_PAGE });
    for (const entry of page) {
      count += 1;
      const expected = (prev?.seq ?? 0) + 1;
      const linked = entry.prevHash === (prev?.hash ?? GENESIS_HASH);
      // Whether this entry itself is already reported (a checkpoint mismatch would say the same again).
      let flagged = false;
      const flag = (kind: ChainProblemKind): void => {
        found.add(kind, entry.seq);
        flagged = true;
      };
      if (!Number.isSafeInteger(entry.seq) || entry.seq < expected) {
        flag('forged');
      } else if (entry.seq > expected) {
        // A gap: deleted entries, unless the links stay whole and no checkpoint saw those numbers used.
        if (!linked || attestedWithin(expected, entry.seq - 1)) found.add('missing', expected, entry.seq - 1);
        else found.skipped.push({ fromSeq: expected, toSeq: entry.seq - 1 });
      } else if (!linked) {
        flag('link');
      }
      const hash = entry.hash;
      // A pseudonymised entry keeps its original hash (the links); its content matches the rewrite's hash.
      if (hashOf(bodyOf(entry)) !== (entry.pseudo?.hash ?? hash)) flag('altered');
      else if (entry.pseudo !== undefined && !(anchor && checkSignatures)) {
        // A rewrite only the key vouches for (anyone can recompute `pseudo.hash`): without it, not verifiable.
        flag('forged');
      } else if (anchor && checkSignatures && entry.pseudo !== undefined && !pseudoSigned(anchor.key, entry)) flag('forged');
      else if (anchor && checkSignatures) {
        // A purge the signed starts do not attest (or that says another number of entries); one they attest is
        // still checked against its signature below.
        const unattested = entry.event === 'audit.purged' && !starts.all.some((start) => String(start.seq) === entry.target.id && purgeReason(start) === entry.reason);
        if (unattested) flag('rewritten');
        else if (entry.mac === undefined) {
          // Unsigned entries may only open a chain (written before the key existed).
          if (signedSeen) flag('forged');
        } else if (entrySigned(anchor.key, entry)) {
          signedSeen = true;
        } else if (!signedSeen && anchor.file.valid.length === 0) {
          found.add('key', null);
          checkSignatures = false;
        } else {
          flag('forged');
        }
      }
      const hashes = attested.bySeq.get(entry.seq);
      if (hashes && !hashes.has(hash) && !flagged) flag('rewritten');
      prev = { seq: entry.seq, hash };
    }
    if (page.length < AUDIT_VERIFY_PAGE) break;
  }

  const last = prev?.seq ?? 0;
  // The end of the chain: entries a checkpoint attests are gone.
  if (attested.max !== null && attested.max > last) found.add('missing', last + 1, attested.max);
  // Signed entries but no checkpoint at all: the checkpoints were removed (or this is not the server's directory).
  if (anchor && checkSignatures && signedSeen && attested.max === null) found.add('anchor', null);

  const first = found.problems.find((problem) => problem.fromSeq !== null) ?? found.problems[0];
  return {
    schoolId: chain,
    ok: found.problems.length === 0,
    count,
    firstBrokenSeq: found.problems.reduce<number | null>((min, problem) => (problem.fromSeq === null ? min : Math.min(min ?? problem.fromSeq, problem.fromSeq)), null),
    problem: first ? describeProblem(first) : null,
    problems: found.problems,
    truncated: found.truncated,
    skipped: found.skipped,
    anchored: anchor !== null,
    checkpointSeq: attested.max,
  };
}

/** Every chain: those with entries in the store, and those the checkpoints name (a chain deleted whole). */
export async function listChains(entries: Collection<AuditEntry>, anchor: AnchorState | null): Promise<string[]> {
  const chains = new Set<string>();
  // One indexed lookup per chain (schoolId, seq), rather than reading every entry.
  let next = await entries.findOne({}, { sort: { schoolId: 1 } });
  while (next) {
    chains.add(next.schoolId);
    next = await entries.findOne({ schoolId: { $gt: next.schoolId } }, { sort: { schoolId: 1 } });
  }
  for (const line of anchor?.file.valid ?? []) chains.add(line.chain);
  return [...chains].sort();
}

/** Verifies every chain. */
export async function verifyAllChains(entries: Collection<AuditEntry>, anchor: AnchorState | null): Promise<ChainVerification[]> {
  const results: ChainVerification[] = [];
  for (const chain of await listChains(entries, anchor)) results.push(await verifyChain(entries, chain, anchor));
  return results;
}
