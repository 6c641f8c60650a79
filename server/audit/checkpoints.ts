/**
 * The checkpoint file: signed lines kept OUTSIDE the store (`DATA_DIR/audit-checkpoints/checkpoints.jsonl`, or
 * AUDIT_CHECKPOINT_DIR), so that whoever edits the store alone cannot hide a truncation or a rewrite. Each
 * line says « at `ts`, writer `writer` read entry `seq` of `chain` with hash `hash`, and may issue numbers up to
 * `issued` », signed with the audit key (HMAC). Lines are only appended (one `write` each, then fsync); a line
 * cut by a crash is the last one and has no newline, so it is ignored. The file is thinned out when it grows
 * (`compactCheckpoints`); whole signed lines are kept verbatim, never rewritten.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry } from '../../shared/audit/events';
import { canonicalJson, hmac, hmacMatches } from './canonical';

export const CHECKPOINT_FILE = 'checkpoints.jsonl';
const CHECKPOINT_PURPOSE = 'preau-audit-checkpoint-v1';
const ENTRY_PURPOSE = 'preau-audit-entry-v1';
const HEX64 = /^[0-9a-f]{64}$/;

/** One checkpoint, as signed. */
export interface Checkpoint {
  v: 1;
  chain: string;
  /** The chain's committed head as this writer read it; null on a line that only extends the reservation. */
  seq: number | null;
  hash: string | null;
  /** The highest sequence number this writer may issue in this chain until it writes another line. */
  issued: number;
  /** Which process wrote it (host, pid, random): reservations are per writer. */
  writer: string;
  ts: number;
  /**
   * On a start line only (log retention, `retention.ts`): « the chain now starts at `seq`, whose prevHash is
   * `prevHash`; `purged` entries before it were deleted ». The highest start of a chain is where it is verified from.
   */
  start?: ChainStart;
}

/** Where a purged chain starts. */
export interface ChainStart {
  seq: number;
  prevHash: string;
  purged: number;
}

const PSEUDO_PURPOSE = 'preau-audit-pseudonym-v1';

/** The signature of a pseudonymised entry: its original hash and the hash of its rewritten content. */
export function pseudoMac(key: Uint8Array, originalHash: string, newHash: string): string {
  return hmac(key, PSEUDO_PURPOSE, `${originalHash}\n${newHash}`);
}

/** Whether a pseudonymised entry's record was signed with the audit key. */
export function pseudoSigned(key: Uint8Array, entry: Pick<AuditEntry, 'hash' | 'pseudo'>): boolean {
  return entry.pseudo !== undefined && hmacMatches(key, PSEUDO_PURPOSE, `${entry.hash}\n${entry.pseudo.hash}`, entry.pseudo.mac);
}

/** The signature of an entry's hash with the audit key. */
export function entryMac(key: Uint8Array, hash: string): string {
  return hmac(key, ENTRY_PURPOSE, hash);
}

/** Whether an entry carries a valid signature of its hash. */
export function entrySigned(key: Uint8Array, entry: Pick<AuditEntry, 'hash' | 'mac'>): boolean {
  return hmacMatches(key, ENTRY_PURPOSE, entry.hash, entry.mac);
}

/** One signed line of the file, newline included. */
export function checkpointLine(key: Uint8Array, checkpoint: Checkpoint): string {
  return `${JSON.stringify({ ...checkpoint, mac: hmac(key, CHECKPOINT_PURPOSE, canonicalJson(checkpoint)) })}\n`;
}

/** What the checkpoint file holds, as read with one key. */
export interface CheckpointFile {
  /** Whether the file exists at all. */
  found: boolean;
  /** Lines whose signature holds, in file order. */
  valid: Checkpoint[];
  /** Complete lines that do not parse or whose signature fails, with the chain they name when it is readable. */
  invalid: { chain: string | null; text: string }[];
  /** The text of each valid line, for compaction. */
  text: string[];
}

const count = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function validStart(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const start = value as Record<string, unknown>;
  return count(start.seq) && start.seq > 0 && typeof start.prevHash === 'string' && HEX64.test(start.prevHash) && count(start.purged);
}

/** The checkpoint a line holds when it is well formed (signature not checked yet), or null. */
function parseLine(line: string): { checkpoint: Checkpoint; mac: unknown } | { chain: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { chain: null };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { chain: null };
  const { mac, ...rest } = json as Record<string, unknown>;
  const chain = typeof rest.chain === 'string' ? rest.chain : null;
  const ok =
    rest.v === 1 &&
    chain !== null &&
    (rest.seq === null || count(rest.seq)) &&
    (rest.hash === null || (typeof rest.hash === 'string' && HEX64.test(rest.hash))) &&
    (rest.seq === null) === (rest.hash === null) &&
    count(rest.issued) &&
    typeof rest.writer === 'string' &&
    typeof rest.ts === 'number' &&
    (rest.start === undefined || validStart(rest.start));
  return ok ? { checkpoint: rest as unknown as Checkpoint, mac } : { chain };
}

/** Reads and checks every line of the checkpoint file in `dir` with `key`. */
export async function readCheckpoints(dir: string, key: Uint8Array): Promise<CheckpointFile> {
  let content: string;
  try {
    content = await readFile(join(dir, CHECKPOINT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false, valid: [], invalid: [], text: [] };
    throw error;
  }
  const result: CheckpointFile = { found: true, valid: [], invalid: [], text: [] };
  const lines = content.split('\n');
  // The last piece has no newline: empty, or a line a crash cut short (never acknowledged), so ignored.
  lines.pop();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const parsed = parseLine(line);
    if ('checkpoint' in parsed && hmacMatches(key, CHECKPOINT_PURPOSE, canonicalJson(parsed.checkpoint), parsed.mac)) {
      result.valid.push(parsed.checkpoint);
      result.text.push(line);
    } else {
      result.invalid.push({ chain: 'checkpoint' in parsed ? parsed.checkpoint.chain : parsed.chain, text: line });
    }
  }
  return result;
}

/** Creates the directory (private to the server's user) if missing. */
export async function prepareCheckpointDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

/** Appends whole lines in one write and makes them durable; returns the file's size afterwards. */
export async function appendCheckpointLines(dir: string, text: string): Promise<number> {
  // Opened per batch (a few times a second at most): a compaction by another process renames the file, and
  // the next batch then lands in the new one.
  const handle = await open(join(dir, CHECKPOINT_FILE), 'a', 0o600);
  try {
    await handle.write(text);
    await handle.datasync();
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** The lines a compaction keeps: what verification and the next start need, and a sparse history. */
function kept(file: CheckpointFile, stride: number): Set<number> {
  const keep = new Set<number>();
  const latest = new Map<string, number>();
  const best = new Map<string, number>();
  file.valid.forEach((line, i) => {
    // Each writer's last line holds its reservation.
    latest.set(`${line.chain}\u0000${line.writer}`, i);
    // Every start (log retention): the highest is where the verification begins, and each `audit.purged` entry
    // still in the chain must match one.
    if (line.start) keep.add(i);
    if (line.seq === null) return;
    // The highest checkpoint of each chain, and the highest of each stride of numbers (to localise a rewrite).
    for (const slot of [`${line.chain}\u0000top`, `${line.chain}\u0000${Math.floor(line.seq / stride)}`]) {
      const current = best.get(slot);
      if (current === undefined || (file.valid[current]?.seq ?? -1) <= line.seq) best.set(slot, i);
    }
  });
  for (const i of [...latest.values(), ...best.values()]) keep.add(i);
  return keep;
}

/**
 * Rewrites the file keeping, for each chain, each writer's last line, the highest checkpoint and one per
 * `stride` numbers, and every invalid line. The new
 * file replaces the old one atomically (a line another process appends meanwhile may be lost: that only
 * weakens what can be proven, it never makes a verification fail).
 */
export async function compactCheckpoints(dir: string, key: Uint8Array, stride: number): Promise<{ before: number; after: number }> {
  const file = await readCheckpoints(dir, key);
  const keep = kept(file, stride);
  // Invalid lines stay: they are the evidence that the file was edited.
  const lines = [...file.text.filter((_, i) => keep.has(i)), ...file.invalid.map((line) => line.text)];
  const text = lines.map((line) => `${line}\n`).join('');
  const temporary = join(dir, `${CHECKPOINT_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, join(dir, CHECKPOINT_FILE));
    const directory = await open(dir, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  } finally {
    await rm(temporary, { force: true });
  }
  return { before: file.valid.length + file.invalid.length, after: lines.length };
}
