/**
 * WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside the COMMIT that crosses its
 * threshold, on the committing connection: with better-sqlite3 that is the event loop, which then copies pages
 * into the database file and waits for two fsyncs (with `synchronous=NORMAL`, the syncs of the WAL and of the file
 * happen at checkpoints). Measured on the chat's hot path, that was about half the time of every COMMIT.
 *
 * So the store's connection turns automatic checkpoints off, and a worker thread with its own connection to the
 * same file runs a PASSIVE checkpoint every `STORE_CHECKPOINT_INTERVAL_MS`: it copies what it can without
 * waiting for anyone and never blocks a writer; SQLite rewinds the WAL at the next write once a checkpoint has
 * caught up with it. Durability is SQLite's as before (the same synchronous mode on both connections): a commit is
 * in the WAL when it returns, whoever checkpoints it later. Several processes on one file each run their own;
 * SQLite serialises checkpoints.
 *
 * If the worker cannot start or dies, the store turns automatic checkpoints back on (and logs it), so the WAL
 * never grows without bound. The worker's code is a string evaluated by `worker_threads` (no file to find at run
 * time, compiled or not); better-sqlite3 is resolved from this module.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { StoreLogger } from '../logger';

export interface CheckpointResult {
  /** Frames in the WAL, and how many of them the database file now holds (SQLite's `wal_checkpoint` columns). */
  log: number;
  checkpointed: number;
  /** Another connection was checkpointing, or readers held frames back. */
  busy: boolean;
}

export interface CheckpointerOptions {
  file: string;
  synchronous: 'NORMAL' | 'FULL';
  intervalMs: number;
  logger: StoreLogger;
  /** Called when checkpoints must go back to the store's own connection (the worker failed or exited). */
  fallBack(): void;
}

type FromWorker = { kind: 'ready' } | ({ kind: 'checkpoint' } & CheckpointResult) | { kind: 'error'; message: string };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
let last = -1;
function checkpoint(asked) {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    // Only news is posted (or an answer): an idle store costs one read of the WAL index per interval.
    if (asked || row.checkpointed !== last || row.busy) parentPort.postMessage({ kind: 'checkpoint', log: row.log, checkpointed: row.checkpointed, busy: row.busy === 1 });
    last = row.checkpointed;
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: String((error && error.message) || error) });
  }
}
const timer = setInterval(() => checkpoint(false), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'now') checkpoint(true);
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ kind: 'ready' });
`;

export class WalCheckpointer {
  private readonly worker: Worker;
  private stopping = false;
  private exited: Promise<void>;
  private readonly asked = new Set<{ resolve(result: CheckpointResult): void; reject(error: Error): void }>();
  /** The last checkpoint the worker reported (tests and diagnostics). */
  last: CheckpointResult | null = null;

  constructor(private readonly options: CheckpointerOptions) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, file: options.file, synchronous: options.synchronous, intervalMs: options.intervalMs },
      // Its own small heap: it holds a connection and nothing else.
      resourceLimits: { maxOldGenerationSizeMb: 32 },
    });
    // A store left open must not keep the process alive.
    this.worker.unref();
    this.worker.on('message', (message: FromWorker) => this.onMessage(message));
    this.worker.on('error', (error) => this.fail('the WAL checkpoint worker failed', error));
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        if (!this.stopping) this.fail(`the WAL checkpoint worker exited (code ${code})`);
        resolve();
      });
    });
  }

  /** Asks for a checkpoint now and resolves with its result (tests; the interval keeps running). */
  checkpointNow(): Promise<CheckpointResult> {
    return new Promise((resolve, reject) => {
      this.asked.add({ resolve, reject });
      this.worker.postMessage('now');
    });
  }

  /** Stops the worker and closes its connection; resolves once it has exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    // Held until it has exited: otherwise a process with nothing else to do would end before, its close unfinished.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }

  private onMessage(message: FromWorker): void {
    if (message.kind === 'ready') return;
    const asked = [...this.asked];
    this.asked.clear();
    if (message.kind === 'error') {
      this.options.logger.warn({ file: this.options.file, error: message.message }, 'WAL checkpoint failed; the next one will try again');
      for (const { reject } of asked) reject(new Error(message.message));
      return;
    }
    const { log, checkpointed, busy } = message;
    this.last = { log, checkpointed, busy };
    for (const { resolve } of asked) resolve(this.last);
  }

  private fail(what: string, error?: unknown): void {
    for (const { reject } of this.asked) reject(new Error(what));
    this.asked.clear();
    if (this.stopping) return;
    this.stopping = true;
    this.options.logger.error({ err: error, file: this.options.file }, `${what}; checkpoints go back to the store's connection`);
    this.options.fallBack();
  }
}
