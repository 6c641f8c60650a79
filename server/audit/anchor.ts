/**
 * The audit chain's anchor outside the store: the audit key (HMAC) and the checkpoint file (`checkpoints.ts`).
 * - Every entry is signed with the key (`sign`), so an entry rewritten or inserted by someone who edits the
 *   store but lacks the key is found at once, whatever hashes they recompute.
 * - Sequence numbers are reserved in the file, in blocks, BEFORE they are used (`reserve`): a restarted server
 *   continues after the highest number ever reserved or checkpointed (`floor`), so a deleted tail is never
 *   numbered again, and the gap stays visible.
 * - Each chain's committed head is checkpointed (seq + hash, signed) at most AUDIT_CHECKPOINT_INTERVAL_MS after
 *   an entry, or after AUDIT_CHECKPOINT_EVERY_ENTRIES entries, and at shutdown: a truncation of anything a
 *   checkpoint covers is detected. Writes are batched, appended and fsynced off the hot path; `record()` waits
 *   for the file only when a chain's reservation is exhausted (once per AUDIT_SEQ_RESERVE_BLOCK/2 entries at
 *   worst, and normally never, since the next block is reserved in the background).
 */
import { AsyncResource } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AuditEntry } from '../../shared/audit/events';
import {
  AUDIT_CHECKPOINT_EVERY_ENTRIES,
  AUDIT_CHECKPOINT_FILE_MAX_BYTES,
  AUDIT_CHECKPOINT_HISTORY_STRIDE,
  AUDIT_CHECKPOINT_INTERVAL_MS,
  AUDIT_SEQ_RESERVE_BLOCK,
} from '../../shared/audit/limits';
import {
  appendCheckpointLines,
  checkpointLine,
  compactCheckpoints,
  entryMac,
  entrySigned,
  prepareCheckpointDir,
  readCheckpoints,
  type ChainStart,
  type Checkpoint,
  type CheckpointFile,
} from './checkpoints';

/** Where the anchor logs what it finds wrong (pino's shape). */
export interface AnchorLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface AnchorOptions {
  /** The audit key: AUDIT_KEY, or the one generated in DATA_DIR/audit-key. Never kept in the store. */
  key: string;
  /** The directory of the checkpoint file (AUDIT_CHECKPOINT_DIR, by default DATA_DIR/audit-checkpoints). */
  dir: string;
  logger?: AnchorLogger;
  /** CLOCK_FILE (tests only): entries are dated by the server's calendar, which log retention reads too. */
  clockFile?: string | undefined;
  /** Tests may shorten or lengthen the timings; the defaults are the named constants. */
  intervalMs?: number;
  everyEntries?: number;
  reserveBlock?: number;
}

/** Reads a chain's committed head (outside any transaction). */
export type HeadReader = (chain: string) => Promise<AuditEntry | null>;

/** The highest number anchored for each chain in a checkpoint file: checkpoints, and each writer's last reservation. */
export function anchoredMaxima(file: CheckpointFile): Map<string, number> {
  const maxima = new Map<string, number>();
  const lastIssued = new Map<string, Checkpoint>();
  for (const line of file.valid) {
    maxima.set(line.chain, Math.max(maxima.get(line.chain) ?? 0, line.seq ?? 0));
    lastIssued.set(`${line.chain}\u0000${line.writer}`, line);
  }
  for (const line of lastIssued.values()) maxima.set(line.chain, Math.max(maxima.get(line.chain) ?? 0, line.issued));
  return maxima;
}

const silent: AnchorLogger = { warn: () => undefined, error: () => undefined };

export class AuditAnchor {
  readonly key: Buffer;
  readonly dir: string;
  private readonly logger: AnchorLogger;
  private readonly intervalMs: number;
  private readonly everyEntries: number;
  private readonly block: number;
  private readonly writer = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  /** Per chain: the highest number anchored before this process started. */
  private floors = new Map<string, number>();
  /** Whether the checkpoint file held valid lines when the anchor opened, and whether this process wrote to it. */
  private anchoredBefore = false;
  private written = false;
  /** Per chain: the reservation already durable in the file, and the one to write next. */
  private readonly issued = new Map<string, number>();
  private readonly wanted = new Map<string, number>();
  /** Per chain: the highest head this process checkpointed. */
  private readonly checkpointed = new Map<string, number>();
  /** Chains appended to since the last checkpoint, and how many entries. */
  private readonly touched = new Set<string>();
  private appended = 0;
  /** File writes, one at a time; never held while the store is read (a transaction may be waiting on it). */
  private fileQueue: Promise<unknown> = Promise.resolve();
  private reservationNext: Promise<void> | null = null;
  /** The last checkpoint run queued, and the one queued but not started yet (shared by callers meanwhile). */
  private flushTail: Promise<void> = Promise.resolve();
  private flushWaiting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Start a background write from the context the anchor was opened in, never from a caller's transaction. */
  private readonly kickReservation: () => void;
  private readonly kickFlush: () => void;

  private constructor(
    options: AnchorOptions,
    private readonly readHead: HeadReader,
  ) {
    this.key = Buffer.from(options.key, 'utf8');
    this.dir = options.dir;
    this.logger = options.logger ?? silent;
    this.intervalMs = options.intervalMs ?? AUDIT_CHECKPOINT_INTERVAL_MS;
    this.everyEntries = options.everyEntries ?? AUDIT_CHECKPOINT_EVERY_ENTRIES;
    this.block = options.reserveBlock ?? AUDIT_SEQ_RESERVE_BLOCK;
    this.kickReservation = AsyncResource.bind(() => {
      this.writeReservations().catch((error: unknown) => this.logger.error({ err: error }, 'audit sequence reservation failed'));
    });
    this.kickFlush = AsyncResource.bind(() => {
      this.flush().catch((error: unknown) => this.logger.error({ err: error }, 'audit checkpoint failed'));
    });
  }

  /** Opens the anchor: creates the directory, compacts a large file, and reads where each chain must go on. */
  static async open(options: AnchorOptions, readHead: HeadReader): Promise<AuditAnchor> {
    const anchor = new AuditAnchor(options, readHead);
    await prepareCheckpointDir(anchor.dir);
    await anchor.load();
    anchor.timer = setInterval(() => {
      if (anchor.touched.size > 0) anchor.kickFlush();
    }, anchor.intervalMs);
    anchor.timer.unref();
    return anchor;
  }

  private async load(): Promise<void> {
    let file = await readCheckpoints(this.dir, this.key);
    if (file.valid.length === 0 && file.invalid.length > 0) {
      // Signing on with another key would leave a log nobody can verify: a configuration error, said at start.
      throw new Error(
        `the audit key does not verify any checkpoint in ${this.dir}: start with the key this log was signed with (AUDIT_KEY, or DATA_DIR/audit-key)`,
      );
    }
    if (file.invalid.length > 0) {
      this.logger.error({ lines: file.invalid.length, dir: this.dir }, 'audit checkpoint lines do not verify with the audit key (edited file, or AUDIT_KEY changed)');
    }
    if (file.text.join('\n').length > AUDIT_CHECKPOINT_FILE_MAX_BYTES) {
      await compactCheckpoints(this.dir, this.key, AUDIT_CHECKPOINT_HISTORY_STRIDE);
      file = await readCheckpoints(this.dir, this.key);
    }
    this.floors = anchoredMaxima(file);
    this.anchoredBefore = file.valid.length > 0;
  }

  /** Whether the checkpoint file held valid checkpoints when the anchor opened (false on a first start). */
  get hadCheckpoints(): boolean {
    return this.anchoredBefore;
  }

  /** Logs an error, for problems found outside a verification (at start-up). */
  alarm(details: object, message: string): void {
    this.logger.error(details, message);
  }

  /** The highest number anchored for a chain before this process started: new numbers go after it. */
  floor(chain: string): number {
    return this.floors.get(chain) ?? 0;
  }

  /**
   * Appends a signed start line (log retention): « `chain` now starts at `start.seq`, whose prevHash is
   * `start.prevHash` ». Its own writer id, so it never stands for this writer's reservation. Durable on return.
   */
  writeStart(chain: string, start: ChainStart): Promise<void> {
    return this.enqueue(() => this.write([{ v: 1, chain, seq: null, hash: null, issued: 0, writer: `${this.writer}:start:${randomBytes(3).toString('hex')}`, ts: Date.now(), start }]));
  }

  /** The signature of an entry's hash. */
  sign(hash: string): string {
    return entryMac(this.key, hash);
  }

  /** Whether an entry is signed with this anchor's key. */
  signed(entry: Pick<AuditEntry, 'hash' | 'mac'>): boolean {
    return entrySigned(this.key, entry);
  }

  /**
   * Called with the number about to be issued in a chain. Returns nothing when it is already reserved in the
   * file (and reserves the next block in the background when half of this one is used), or a promise to await
   * before using the number when it is not.
   */
  reserve(chain: string, seq: number): Promise<void> | undefined {
    const durable = this.issued.get(chain) ?? 0;
    if (seq <= durable - this.block / 2) return undefined;
    if (seq + this.block > (this.wanted.get(chain) ?? 0)) this.wanted.set(chain, seq + this.block);
    if (seq <= durable) {
      this.kickReservation();
      return undefined;
    }
    return this.writeReservations();
  }

  /** Notes an entry appended to a chain (committed or not yet): its head will be checkpointed soon. */
  noted(chain: string): void {
    this.touched.add(chain);
    this.appended += 1;
    if (this.appended === this.everyEntries) this.kickFlush();
  }

  /** Writes the checkpoints of every chain appended to since the last one; resolves once they are durable. */
  flush(): Promise<void> {
    return this.runFlush(false);
  }

  /** Stops the timer and writes final checkpoints, releasing this writer's unused reservations. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const chain of this.issued.keys()) this.touched.add(chain);
    await this.runFlush(true);
  }

  private runFlush(release: boolean): Promise<void> {
    // Callers that come while a run waits to start share it; one that comes after it started gets the next.
    if (this.flushWaiting && !release) return this.flushWaiting;
    const next: Promise<void> = this.flushTail
      .catch(() => undefined)
      .then(() => {
        if (this.flushWaiting === next) this.flushWaiting = null;
        return this.checkpoint(release);
      });
    this.flushWaiting = next;
    this.flushTail = next;
    return next;
  }

  /** Reads the heads of the touched chains (committed state), then appends their signed checkpoints. */
  private async checkpoint(release: boolean): Promise<void> {
    const chains = [...this.touched];
    this.touched.clear();
    this.appended = 0;
    const heads = new Map<string, { seq: number; hash: string } | null>();
    for (const [i, chain] of chains.entries()) {
      let head: AuditEntry | null;
      try {
        head = await this.readHead(chain);
      } catch (error) {
        // Tried again at the next run.
        for (const left of chains.slice(i)) this.touched.add(left);
        throw error;
      }
      const last = this.checkpointed.get(chain) ?? 0;
      if ((head?.seq ?? 0) < last) {
        this.logger.error({ chain, head: head?.seq ?? 0, checkpoint: last }, 'audit chain: entries a signed checkpoint covers are missing from the store');
        continue;
      }
      if (head && !this.signed(head)) {
        this.logger.error({ chain, seq: head.seq }, 'audit chain: the head is not signed with the audit key; not checkpointed');
        continue;
      }
      if (head && head.seq === last && !release) continue;
      heads.set(chain, head ? { seq: head.seq, hash: head.hash } : null);
    }
    if (heads.size === 0) return;
    await this.enqueue(async () => {
      const lines: Checkpoint[] = [];
      for (const [chain, head] of heads) {
        // A release lowers this writer's reservation to what was used; other writers keep theirs.
        const issued = release ? (head?.seq ?? 0) : (this.issued.get(chain) ?? 0);
        lines.push(this.line(chain, head, issued));
      }
      await this.write(lines);
      for (const line of lines) {
        if (line.seq !== null) this.checkpointed.set(line.chain, Math.max(this.checkpointed.get(line.chain) ?? 0, line.seq));
        if (release) {
          this.issued.set(line.chain, line.issued);
          this.wanted.delete(line.chain);
        }
      }
    });
  }

  /** Writes the reservations wanted; every caller until the write starts shares it. */
  private writeReservations(): Promise<void> {
    this.reservationNext ??= this.enqueue(async () => {
      this.reservationNext = null;
      const lines: Checkpoint[] = [];
      for (const [chain, wanted] of this.wanted) {
        if (wanted > (this.issued.get(chain) ?? 0)) lines.push(this.line(chain, null, wanted));
      }
      if (lines.length === 0) return;
      await this.write(lines);
      for (const line of lines) this.issued.set(line.chain, Math.max(this.issued.get(line.chain) ?? 0, line.issued));
    });
    return this.reservationNext;
  }

  private line(chain: string, head: { seq: number; hash: string } | null, issued: number): Checkpoint {
    return { v: 1, chain, seq: head?.seq ?? null, hash: head?.hash ?? null, issued, writer: this.writer, ts: Date.now() };
  }

  private async write(lines: Checkpoint[]): Promise<void> {
    const text = lines.map((line) => checkpointLine(this.key, line)).join('');
    let size: number;
    try {
      size = await appendCheckpointLines(this.dir, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await prepareCheckpointDir(this.dir);
      size = await appendCheckpointLines(this.dir, text);
    }
    // A file holding only what was just written, after earlier writes: someone removed it while the server ran.
    if (size === Buffer.byteLength(text) && (this.anchoredBefore || this.written)) {
      this.logger.error({ dir: this.dir }, 'audit: the checkpoint file was removed while the server ran; earlier checkpoints are lost');
    }
    this.written = true;
    if (size > AUDIT_CHECKPOINT_FILE_MAX_BYTES) await compactCheckpoints(this.dir, this.key, AUDIT_CHECKPOINT_HISTORY_STRIDE);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.fileQueue.catch(() => undefined).then(task);
    this.fileQueue = run;
    return run;
  }
}
