/**
 * The attacker's tools for the audit tampering tests: they edit the stored audit entries directly (through the
 * storage port on the server's own store, the server stopped), recomputing hashes with the published
 * algorithm (canonical JSON, SHA-256) but without the audit key, which lives outside the store. And the two
 * ways a school verifies the chain: the CLI (`npm run audit:verify -- --json`) and the REST route.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../../shared/audit/events';
import { canonicalJson, sha256 } from '../../../server/audit/canonical';
import { signedIn } from '../../helpers/sockets';
import { ROOT, type TestServer } from '../../helpers/server';
import { copyTestStore, openTestStore, serverMongoUri } from '../../helpers/store';
import type { Collection, Store } from '../../../server/storage/port';

/** What both verifications must agree on (counts and checkpoints move on as the restarted server writes). */
export interface Verdict {
  ok: boolean;
  firstBrokenSeq: number | null;
  problems: Array<{ kind: string; fromSeq: number | null; toSeq: number | null }>;
  skipped: Array<{ fromSeq: number; toSeq: number }>;
}

type Raw = Partial<Verdict> & { schoolId: string; ok: boolean };

const verdict = (raw: Raw): Verdict => ({
  ok: raw.ok,
  firstBrokenSeq: raw.firstBrokenSeq ?? null,
  problems: raw.problems ?? [],
  skipped: raw.skipped ?? [],
});

/**
 * Runs `npm run audit:verify -- --json` on a data dir; one verdict per chain, and the exit code. Without blocking
 * the test's process, so that independent attacks (each on its own copy) run side by side.
 */
export async function cliVerify(dataDir: string, env: Record<string, string> = {}): Promise<{ status: number | null; chains: Map<string, Verdict>; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', '--json'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: serverMongoUri(dataDir), AUDIT_KEY: '', AUDIT_CHECKPOINT_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const status = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done(code));
  });
  const result = { status, stdout };
  const chains = new Map<string, Verdict>();
  let parsed: Raw[] | null = null;
  try {
    parsed = JSON.parse(result.stdout) as Raw[];
  } catch {
    // A CLI without --json (before issue 12): read its text lines.
    for (const match of result.stdout.matchAll(/^audit chain (\S+): (?:ok|BROKEN at seq (\d+))/gm)) {
      chains.set(match[1]!, verdict({ schoolId: match[1]!, ok: match[2] === undefined, firstBrokenSeq: match[2] ? Number(match[2]) : null }));
    }
  }
  for (const raw of parsed ?? []) chains.set(raw.schoolId, verdict(raw));
  return { status: result.status, chains, stdout: result.stdout };
}

/** The director verifies the school's chain through REST (`GET /api/audit/verify`). */
export async function restVerify(server: TestServer): Promise<Verdict> {
  const director = await signedIn(server, 'isabelle.moreau');
  const answer = await director.get<Raw>('/api/audit/verify');
  if (answer.status !== 200) throw new Error(`verify answered ${answer.status}`);
  return verdict(answer.body);
}

/**
 * A copy of a data dir (store, key, checkpoints), to tamper with while the original stays pristine: the files,
 * and with MONGODB_URI the database of the data dir copied into the copy's own (`copyTestStore`).
 */
export async function copyDataDir(dataDir: string): Promise<string> {
  const copy = mkdtempSync(join(tmpdir(), 'preau-tamper-'));
  cpSync(dataDir, copy, { recursive: true });
  await copyTestStore(dataDir, copy);
  return copy;
}

/**
 * Direct access to the store's audit collection, as someone with the database but not the audit key: through
 * the port, on the server's own store (its SQLite file, or its MongoDB database), the server stopped.
 */
export class RawAudit {
  private constructor(
    private readonly store: Store,
    private readonly audit: Collection<AuditEntry>,
  ) {}

  static async open(dataDir: string): Promise<RawAudit> {
    const store = await openTestStore(dataDir);
    return new RawAudit(store, store.collection<AuditEntry>('audit'));
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** A chain's entries in order. */
  chain(chain: string): Promise<AuditEntry[]> {
    return this.audit.find({ schoolId: chain }, { sort: { seq: 1 } });
  }

  async delete(chain: string, seqs: number[]): Promise<void> {
    for (const seq of seqs) await this.audit.deleteOne({ schoolId: chain, seq });
  }

  /** Replaces an entry (same id), as written, or adds it. */
  async put(entry: AuditEntry): Promise<void> {
    const { _id, ...doc } = entry;
    if (!(await this.audit.replaceOne({ _id }, doc))) await this.audit.insertOne(entry);
  }

  /** The published hash of an entry: SHA-256 of the canonical JSON of every field but `_id`, `hash`, `mac`. */
  static hash(entry: AuditEntry): string {
    const { _id: _ignored, hash: _hash, mac: _mac, ...body } = entry;
    return sha256(canonicalJson(body));
  }

  /** Changes a field of entry `seq`, then recomputes its hash and those after it, relinking each (no key, no mac). */
  async rewriteFrom(chain: string, seq: number, change: (entry: AuditEntry) => void): Promise<void> {
    let prevHash: string | null = null;
    for (const original of await this.chain(chain)) {
      if (original.seq < seq) continue;
      const { mac: _mac, ...entry } = original;
      if (entry.seq === seq) change(entry);
      if (prevHash !== null) entry.prevHash = prevHash;
      entry.hash = RawAudit.hash(entry);
      prevHash = entry.hash;
      await this.put(entry);
    }
  }

  /** Appends an entry after the head with a correctly computed hash and link (no key, no mac). */
  async append(chain: string, change: (entry: AuditEntry) => void): Promise<AuditEntry> {
    const head = (await this.chain(chain)).at(-1);
    if (!head) throw new Error(`chain ${chain} is empty`);
    const { mac: _mac, ...entry } = structuredClone(head);
    entry.seq = head.seq + 1;
    entry._id = `${chain}:${entry.seq}`;
    entry.prevHash = head.hash;
    entry.ts = head.ts + 1;
    change(entry);
    entry.hash = RawAudit.hash(entry);
    await this.put(entry);
    return entry;
  }
}
