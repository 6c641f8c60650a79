import * as Y from 'yjs';
import { SYNC_STEP } from '../../shared/pad/protocol';
import { PAD_FLUSH_INTERVAL_MS, PAD_FLUSH_MAX_FRAMES, PAD_PERSIST_MAX_DELAY_MS } from '../../shared/pad/limits';
import type { Logger } from '../../server/logger';
import { syncFrame, type AcceptedChange, type CollabDocument, type SyncAnswer } from './document';

/** One user's share of a document's changes in a flush. */
export interface ChangeAuthor {
  userId: string;
  /** Flattened triples `clientID, fromClock, toClock` of the items this user's changes created. */
  ranges: number[];
  /** How many items they deleted. */
  deleted: number;
  /** The size of their updates, in bytes. */
  bytes: number;
}

/** One document's share of a flush: its accepted changes, merged into one update, and who made them. */
export interface DocumentChanges<C = unknown> {
  document: CollabDocument<C>;
  /** Every change of the document in this flush, merged: persisted as one log row, then relayed as one frame. */
  update: Uint8Array;
  /** One entry per user, in order of their first change in the batch. */
  authors: ChangeAuthor[];
}

/** What the other nodes get from a flush (see collab/cluster/): its stored updates, and this node's presence changes. */
export interface FlushShare<C> {
  updates(batch: readonly DocumentChanges<C>[]): void;
  awareness(document: CollabDocument<C>, update: Uint8Array): void;
}

/** Persists a batch (the store write); must resolve only once it is durable. */
export type PersistBatch<C> = (batch: DocumentChanges<C>[]) => Promise<void>;

/** Who made a flush's changes, per user (their updates are not merged apart: the flush's merged update holds them). */
function authorsOf(changes: AcceptedChange[]): ChangeAuthor[] {
  const byUser = new Map<string, ChangeAuthor>();
  for (const change of changes) {
    const author = byUser.get(change.userId);
    if (!author) byUser.set(change.userId, { userId: change.userId, ranges: [...change.ranges], deleted: change.deleted, bytes: change.update.byteLength });
    else {
      for (const value of change.ranges) author.ranges.push(value);
      author.deleted += change.deleted;
      author.bytes += change.update.byteLength;
    }
  }
  return [...byUser.values()];
}

const RETRY_MS = 250;

type BatchEntry<C> = DocumentChanges<C> & { all: AcceptedChange[]; answers: SyncAnswer<C>[]; presence: Uint8Array | null };

/** Resolves on the next turn of the event loop, after pending I/O (frames received meanwhile are read). */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The hot path. Accepted changes are flushed in passes, at most one per PAD_FLUSH_INTERVAL_MS (at once after a
 * quiet spell): a pass merges each changed document's changes into ONE update, persists the updates of EVERY
 * changed document in ONE store write (one commit and one log row per pad, however many pads and users changed),
 * then encodes each update ONCE into a frame sent as is to all its connections, with the pad's presence changes
 * (carets) in the same write. Under load a frame thus carries every change of its pad in the interval, which divides the frames
 * (the dominant cost, in the kernel as much as in Node) while each change waits at most one interval; the relay
 * yields to the event loop every PAD_FLUSH_MAX_FRAMES frames, so incoming frames are read while a large pass is
 * sent. Presence goes out with the same rhythm, without being persisted (at once when the pad has no change).
 */
export class Flusher<C = unknown> {
  private readonly dirty = new Set<CollabDocument<C>>();
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  /** The planned pass waits for the interval (a timeout, not an immediate). */
  private timerDelayed = false;
  private running: Promise<void> | undefined;
  /** When the last pass started (performance.now()). */
  private lastPassAt = -Infinity;
  /** Someone waits for durability (a REST operation, an unload, the shutdown): the next pass is not delayed. */
  private urgent = false;
  private retryUntil = 0;
  private idleWaiters: Array<() => void> = [];
  private flushWaiters: Array<() => void> = [];
  private firstFailureAt: number | null = null;

  constructor(
    private readonly persist: PersistBatch<C>,
    private readonly logger: Logger,
    private readonly onPersistTimeout: (document: CollabDocument<C>) => void,
    /** With other nodes: stored updates and presence go to them too. */
    private readonly share?: FlushShare<C>,
  ) {}

  mark(document: CollabDocument<C>): void {
    this.dirty.add(document);
    this.schedule();
  }

  /** Plans the next pass: one interval after the last one started (at once when urgent), never before a retry. */
  private schedule(): void {
    if (this.running) return;
    const now = performance.now();
    const wait = Math.max(this.urgent ? 0 : this.lastPassAt + PAD_FLUSH_INTERVAL_MS - now, this.retryUntil - now);
    if (this.timer) {
      if (!this.timerDelayed || wait > 0) return;
      clearTimeout(this.timer as NodeJS.Timeout);
    }
    const pass = () => {
      this.timer = undefined;
      this.running = this.flush().finally(() => {
        this.running = undefined;
        const waiters = this.flushWaiters;
        this.flushWaiters = [];
        for (const resolve of waiters) resolve();
        if (this.dirty.size > 0) this.schedule();
        else this.settle();
      });
    };
    this.timerDelayed = wait > 0;
    this.timer = wait > 0 ? setTimeout(pass, wait) : setImmediate(pass);
  }

  private settle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once every change accepted so far is durable and relayed. */
  idle(): Promise<void> {
    if (!this.running && !this.timer && this.dirty.size === 0) return Promise.resolve();
    this.urgent = true;
    this.schedule();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves once this document's accepted changes are durable and relayed (the next pass is not delayed). */
  async durable(document: CollabDocument<C>): Promise<void> {
    while (document.hasPending) {
      await new Promise<void>((resolve) => {
        this.flushWaiters.push(resolve);
        this.urgent = true;
        this.mark(document);
      });
    }
  }

  /** One pass: every changed document, those waiting longest first; one store write; then the relay. */
  private async flush(): Promise<void> {
    this.lastPassAt = performance.now();
    this.urgent = false;
    const documents = [...this.dirty].sort((a, b) => a.pendingSince - b.pendingSince);
    this.dirty.clear();
    const batch: BatchEntry<C>[] = [];
    for (const document of documents) {
      const presence = document.takeAwareness();
      if (this.share) {
        const shared = document.takeSharedAwareness();
        if (shared) this.share.awareness(document, shared);
      }
      const { changes, answers } = document.takeBatch();
      if (changes.length === 0) {
        // Only presence, or sync answers whose content was already durable.
        if (presence) document.broadcast([presence]);
        for (const answer of answers) answer.connection.send(answer.frame);
        continue;
      }
      document.inFlight = true;
      const update = changes.length === 1 ? changes[0]!.update : Y.mergeUpdates(changes.map((change) => change.update));
      batch.push({ document, all: changes, update, authors: authorsOf(changes), answers, presence });
    }
    if (batch.length === 0) return;
    try {
      await this.persist(batch);
      this.firstFailureAt = null;
    } catch (error) {
      this.retry(batch, error);
      return;
    }
    // Durable: answers computed from now on may hold these changes, whether or not their frames left yet.
    for (const entry of batch) entry.document.inFlight = false;
    // Stored: the other nodes get them (added to the streams before the local relay).
    this.share?.updates(batch);
    let frames = 0;
    for (const entry of batch) {
      if (frames >= PAD_FLUSH_MAX_FRAMES) {
        await nextTurn();
        frames = 0;
      }
      // The update, then the presence (carets placed on the new text), in one write per connection.
      const update = syncFrame(SYNC_STEP.UPDATE, entry.update);
      entry.document.broadcast(entry.presence ? [update, entry.presence] : [update]);
      frames += entry.document.connections.size;
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
      // Presence is not stored: it goes out now, the changes wait for the store.
      if (entry.presence) entry.document.broadcast([entry.presence]);
      entry.document.restoreBatch(entry.all, entry.answers);
      this.dirty.add(entry.document);
      // Past the bound, writers are told to come back later rather than typing into a void.
      if (tooLong) this.onPersistTimeout(entry.document);
    }
    this.retryUntil = performance.now() + RETRY_MS;
  }
}
