import * as Y from 'yjs';
import { SYNC_STEP } from '../../shared/pad/protocol';
import { PAD_FLUSH_INTERVAL_MS, PAD_FLUSH_MAX_FRAMES, PAD_FLUSH_TICK_MS, PAD_PERSIST_MAX_DELAY_MS } from '../../shared/pad/limits';
import type { Logger } from '../../server/logger';
import { syncFrame, type AcceptedChange, type CollabDocument, type SyncAnswer } from './document';

/** One document's share of a flush: its accepted changes, merged per user. */
export interface DocumentChanges<C = unknown> {
  document: CollabDocument<C>;
  /** One entry per user, in order of their first change in the batch. */
  changes: AcceptedChange[];
}

/** Persists a batch (the store write); must resolve only once it is durable. */
export type PersistBatch<C> = (batch: DocumentChanges<C>[]) => Promise<void>;

/** Merges one user's changes of a batch into one (one log row per user per flush). */
function mergePerUser(changes: AcceptedChange[]): AcceptedChange[] {
  if (changes.length <= 1) return changes;
  const byUser = new Map<string, AcceptedChange[]>();
  for (const change of changes) {
    const list = byUser.get(change.userId);
    if (list) list.push(change);
    else byUser.set(change.userId, [change]);
  }
  return [...byUser].map(([userId, list]) =>
    list.length === 1
      ? list[0]!
      : {
          userId,
          update: Y.mergeUpdates(list.map((change) => change.update)),
          ranges: list.flatMap((change) => change.ranges),
          deleted: list.reduce((sum, change) => sum + change.deleted, 0),
        },
  );
}

const RETRY_MS = 250;

type BatchEntry<C> = DocumentChanges<C> & { all: AcceptedChange[]; answers: SyncAnswer<C>[] };

/**
 * The hot path. A document's accepted changes are flushed at most once per PAD_FLUSH_INTERVAL_MS (at once
 * after a quiet spell): every due document is persisted in ONE store write, then each document's changes are
 * merged and encoded ONCE into a frame sent as is to all its connections. Under load a frame thus carries
 * every change of its pad in the interval, which divides the frames (the dominant cost, in the kernel as
 * much as in Node) while each change waits at most one interval. Presence goes out with the same rhythm,
 * without being persisted.
 */
export class Flusher<C = unknown> {
  private readonly dirty = new Set<CollabDocument<C>>();
  private readonly lastFlushAt = new WeakMap<CollabDocument<C>, number>();
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private running: Promise<void> | undefined;
  private retryUntil = 0;
  private idleWaiters: Array<() => void> = [];
  private flushWaiters: Array<() => void> = [];
  private firstFailureAt: number | null = null;
  /** Due documents were left for the next pass (the frame budget was spent): go on at once. */
  private backlog = false;

  constructor(
    private readonly persist: PersistBatch<C>,
    private readonly logger: Logger,
    private readonly onPersistTimeout: (document: CollabDocument<C>) => void,
  ) {}

  mark(document: CollabDocument<C>): void {
    this.dirty.add(document);
    this.schedule(true);
  }

  /** Plans the next pass: on the next turn when something may be due now, else after one tick. */
  private schedule(soon: boolean): void {
    if (this.timer || this.running) return;
    const wait = Math.max(soon ? 0 : PAD_FLUSH_TICK_MS, this.retryUntil - performance.now());
    const pass = () => {
      this.timer = undefined;
      this.running = this.flushDue().finally(() => {
        this.running = undefined;
        const waiters = this.flushWaiters;
        this.flushWaiters = [];
        for (const resolve of waiters) resolve();
        if (this.dirty.size > 0) this.schedule(this.backlog);
        else this.settle();
      });
    };
    this.timer = wait <= 0 ? setImmediate(pass) : setTimeout(pass, wait);
  }

  private settle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once every change accepted so far is durable and relayed. */
  idle(): Promise<void> {
    if (!this.running && !this.timer && this.dirty.size === 0) return Promise.resolve();
    for (const document of this.dirty) this.lastFlushAt.delete(document);
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves once this document's accepted changes are durable and relayed (it is flushed without waiting). */
  async durable(document: CollabDocument<C>): Promise<void> {
    while (document.hasPending) {
      this.lastFlushAt.delete(document);
      await new Promise<void>((resolve) => {
        this.flushWaiters.push(resolve);
        this.mark(document);
      });
    }
  }

  private due(document: CollabDocument<C>, now: number): boolean {
    return now >= (this.lastFlushAt.get(document) ?? -Infinity) + PAD_FLUSH_INTERVAL_MS;
  }

  /**
   * Flushes the due documents, those waiting longest first, up to PAD_FLUSH_MAX_FRAMES frames: a pass stays
   * short, so incoming frames are read between passes and a burst of sends does not delay everyone behind it.
   */
  private async flushDue(): Promise<void> {
    const now = performance.now();
    const batch: BatchEntry<C>[] = [];
    const due = [...this.dirty].filter((document) => this.due(document, now)).sort((a, b) => a.pendingSince - b.pendingSince);
    let frames = 0;
    this.backlog = false;
    for (const document of due) {
      if (frames > 0 && frames + document.connections.size > PAD_FLUSH_MAX_FRAMES) {
        this.backlog = true;
        break;
      }
      frames += document.connections.size;
      this.dirty.delete(document);
      this.lastFlushAt.set(document, now);
      document.flushAwareness();
      const { changes, answers } = document.takeBatch();
      if (changes.length === 0) {
        // Only presence, or sync answers whose content was already durable.
        for (const answer of answers) answer.connection.send(answer.frame);
        continue;
      }
      document.inFlight = true;
      batch.push({ document, all: changes, changes: mergePerUser(changes), answers });
    }
    if (batch.length === 0) return;
    try {
      await this.persist(batch);
      this.firstFailureAt = null;
    } catch (error) {
      this.retry(batch, error);
      return;
    }
    for (const entry of batch) {
      entry.document.inFlight = false;
      const update = entry.all.length === 1 ? entry.all[0]!.update : Y.mergeUpdates(entry.all.map((change) => change.update));
      entry.document.broadcast(syncFrame(SYNC_STEP.UPDATE, update));
      for (const answer of entry.answers) answer.connection.send(answer.frame);
    }
  }

  /** A failed store write: nothing was relayed; the changes go back first in line and are retried. */
  private retry(batch: BatchEntry<C>[], error: unknown): void {
    this.logger.error({ err: error, documents: batch.length }, 'collab: persisting updates failed; retrying');
    this.firstFailureAt ??= Date.now();
    const tooLong = Date.now() - this.firstFailureAt > PAD_PERSIST_MAX_DELAY_MS;
    for (const entry of batch) {
      entry.document.inFlight = false;
      entry.document.restoreBatch(entry.all, entry.answers);
      this.lastFlushAt.delete(entry.document);
      this.dirty.add(entry.document);
      // Past the bound, writers are told to come back later rather than typing into a void.
      if (tooLong) this.onPersistTimeout(entry.document);
    }
    this.retryUntil = performance.now() + RETRY_MS;
  }
}
