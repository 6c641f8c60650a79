/**
 * What a verification of an audit chain reports, for the CLI (`npm run audit:verify`), the REST route and the
 * audit console. One function computes it (`server/audit/verify.ts`); each kind of problem has its wording in
 * the console's i18n (`chain.problems.<kind>`).
 */

/**
 * The kinds of tampering a verification can find:
 * - `missing`: entries that existed are gone (a broken link across a gap, a deleted first entry, or numbers a
 *   signed checkpoint attests);
 * - `altered`: an entry's content no longer matches its hash;
 * - `link`: an entry's link to the previous one is broken;
 * - `forged`: an entry is not signed with the server key (rewritten with recomputed hashes, or inserted), or
 *   carries a number the server never issued;
 * - `rewritten`: an entry contradicts a signed checkpoint;
 * - `anchor`: the signed checkpoints themselves were edited, or removed while signed entries remain;
 * - `key`: no checkpoint verifies with the server key (the key was changed, or the file replaced).
 */
export const CHAIN_PROBLEM_KINDS = ['missing', 'altered', 'link', 'forged', 'rewritten', 'anchor', 'key'] as const;

export type ChainProblemKind = (typeof CHAIN_PROBLEM_KINDS)[number];

/** One problem, over a range of sequence numbers (null for problems of the checkpoints as a whole). */
export interface ChainProblem {
  kind: ChainProblemKind;
  fromSeq: number | null;
  toSeq: number | null;
}

/** A range of sequence numbers. */
export interface SeqRange {
  fromSeq: number;
  toSeq: number;
}

/** The result of verifying a chain. */
export interface ChainVerification {
  schoolId: string;
  /** False as soon as there is one problem. */
  ok: boolean;
  /** Entries read in the chain. */
  count: number;
  /** The first entry found wrong (null when ok, or when only the checkpoints are wrong). */
  firstBrokenSeq: number | null;
  /** The first problem in English, for the CLI and the log (the console words each kind itself). */
  problem: string | null;
  /** Every problem found, consecutive entries with the same problem grouped (at most AUDIT_VERIFY_MAX_PROBLEMS). */
  problems: ChainProblem[];
  /** Whether more problems were found than listed. */
  truncated: boolean;
  /**
   * Numbers the server skipped without tampering: reserved but unused when it stopped abruptly, so the restarted
   * server continued after them (the links stay whole across the gap).
   */
  skipped: SeqRange[];
  /** Whether the chain was checked against the server key and its signed checkpoints. */
  anchored: boolean;
  /** The highest entry a signed checkpoint attests (null without any). */
  checkpointSeq: number | null;
}
