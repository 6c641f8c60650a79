import { readFileSync } from 'node:fs';
import {
  GENESIS_HASH,
  SYSTEM_CHAIN,
  type AuditActor,
  type AuditChange,
  type AuditContext,
  type AuditEntry,
  type AuditEventName,
  type AuditOrigin,
  type AuditStatus,
  type AuditTarget,
  type ChainVerification,
} from '../../shared/audit/events';
import { DuplicateKeyError, TransactionConflictError, type Collection, type Filter, type Store } from '../storage/port';
import { wellFormedDeep } from '../storage/query/well-formed';
import { VIEW_LOG_COALESCE_MS } from '../../shared/limits';
import { AuditAnchor, type AnchorOptions } from './anchor';
import { contentHash, harmless } from './canonical';
import { hashOf, readAnchorState, verifyChain, type AnchorState } from './verify';

/**
 * The time entries are dated with: the real time, or, in tests given CLOCK_FILE, the time written there (as
 * `server/clock.ts` reads it), so that log retention sees entries as old as the server's calendar says.
 */
export function auditClock(clockFile: string | undefined): number {
  if (clockFile === undefined) return Date.now();
  try {
    const now = Number(readFileSync(clockFile, 'utf8').trim());
    return Number.isSafeInteger(now) && now > 0 ? now : Date.now();
  } catch {
    return Date.now();
  }
}

/**
 * A change as a caller describes it: the changed fields and, when they matter, the content before and after.
 * The log keeps only hashes of the contents (the content itself stays in its feature's store).
 */
export interface ChangeInput {
  fields: string[];
  before?: unknown;
  after?: unknown;
}

/** A settings-like record's change (one's preferences): the keys whose values differ, with both versions. */
export function recordChange<T extends object>(before: T, after: T): ChangeInput {
  const fields = (Object.keys(after) as (keyof T & string)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return { fields, before, after };
}

/** What a caller gives to record one event; the log adds ts, seq and the hashes. */
export interface AuditInput {
  schoolId: string | null;
  actor: Partial<AuditActor>;
  origin: AuditOrigin;
  event: AuditEventName;
  target?: Partial<AuditTarget>;
  context?: Partial<AuditContext>;
  change?: ChangeInput | null;
  reason?: string | null;
  status?: AuditStatus;
}

export const AUDIT_COLLECTION = 'audit';
/** Bounds the memory of view coalescing; the oldest keys are forgotten first. */
const MAX_VIEW_KEYS = 100_000;

const text = (value: string | null | undefined, max?: number): string | null =>
  value === null || value === undefined ? null : harmless(value, max);

function storedChange(change: ChangeInput | null | undefined): AuditChange | null {
  if (!change) return null;
  return {
    fields: change.fields.map((field) => harmless(field, 64)),
    beforeHash: change.before === undefined ? null : contentHash(change.before),
    afterHash: change.after === undefined ? null : contentHash(change.after),
  };
}

/**
 * The append-only, hash-chained audit log: one chain per school, each entry linked to the previous one by
 * `prevHash`, numbered by `seq`. `record` is the ONE way an audit event is written, and it is transactional:
 * called inside `store.transaction` (through `auditedChange`), the event commits with the change it describes
 * or not at all; called alone, it is a transaction of its own. The head of the chain is read inside that
 * transaction, so the chain stays whole across processes sharing the store: on the embedded store the
 * transaction holds the write lock; on MongoDB a concurrent append makes the unique `_id` (`school:seq`)
 * collide and the whole transaction is run again on the new head (TransactionConflictError). Transactions that
 * commit together (group commit) append one after another, each after the head the one before it wrote, kept
 * in the batch's memo rather than read again.
 *
 * With an anchor (the server always has one; see `anchor.ts`), each entry is signed with the audit key, its
 * number is reserved outside the store before use, and the chain's head is checkpointed outside the store, so
 * that the verification (`verify.ts`) detects truncation, insertion and rewriting too.
 */
export class AuditLog {
  private readonly entries: Collection<AuditEntry>;
  private readonly lastViews = new Map<string, number>();
  private anchor: AuditAnchor | null = null;
  /** Chains already reported as continuing after a gap (once per process). */
  private readonly gapsReported = new Set<string>();

  constructor(
    private readonly store: Store,
    /**
     * `viewGate`: whether a view may be logged now, for a key seen for the first time in VIEW_LOG_COALESCE_MS by this
     * process (the shared limiter, so several nodes log a view once); without it, this process alone decides.
     */
    private readonly options: { anchor?: AnchorOptions; viewGate?: (key: string) => Promise<boolean> } = {},
  ) {
    this.entries = store.collection<AuditEntry>(AUDIT_COLLECTION);
  }

  async init(): Promise<void> {
    await this.entries.ensureIndexes([
      { fields: { schoolId: 1, seq: 1 }, unique: true },
      { fields: { schoolId: 1, ts: -1 } },
      { fields: { 'actor.userId': 1, ts: -1 } },
      { fields: { event: 1, ts: -1 } },
      // The family page and the class week: contributions of some spaces over one week.
      { fields: { 'context.spaceId': 1, ts: -1 } },
    ]);
    if (this.options.anchor && !this.anchor) {
      const anchor = await AuditAnchor.open(this.options.anchor, (chain) => this.entries.findOne({ schoolId: chain }, { sort: { seq: -1 } }));
      // Signed entries but no checkpoint: the file was removed, or AUDIT_CHECKPOINT_DIR points elsewhere. The
      // verification says so too, until this process writes new checkpoints.
      if (!anchor.hadCheckpoints && (await this.entries.findOne({ mac: { $exists: true } }))) {
        anchor.alarm({ dir: anchor.dir }, 'audit: the store holds signed entries but the checkpoint directory has no checkpoint (removed, or AUDIT_CHECKPOINT_DIR changed)');
      }
      this.anchor = anchor;
    }
  }

  /** Writes the final checkpoints (call after the last write, before closing the store). */
  async close(): Promise<void> {
    await this.anchor?.close();
  }

  /** Records one event, in the caller's transaction if there is one, and resolves once it is committed there. */
  record(input: AuditInput): Promise<AuditEntry> {
    if (this.store.inTransaction()) return this.append(input);
    return this.store.transaction(() => this.append(input));
  }

  private async append(input: AuditInput): Promise<AuditEntry> {
    const chain = input.schoolId ?? SYSTEM_CHAIN;
    // The head as this batch of transactions left it, when one of them appended to the chain (the batch holds
    // it until its commit; a rolled-back append is forgotten there), or as the store has it.
    const memo = this.store.batchMemo();
    const headKey = `audit.head:${chain}`;
    const last = (memo?.get(headKey) as AuditEntry | undefined) ?? (await this.entries.findOne({ schoolId: chain }, { sort: { seq: -1 } }));
    // Never a number issued before, even when the store lost (or was robbed of) its tail.
    const floor = this.anchor?.floor(chain) ?? 0;
    const seq = Math.max(last?.seq ?? 0, floor) + 1;
    if (floor > (last?.seq ?? 0)) this.reportGap(chain, last?.seq ?? 0, floor);
    const reserving = this.anchor?.reserve(chain, seq);
    if (reserving) await reserving;
    // Hashed exactly as the store will keep it (strings well formed on both adapters).
    const body: Omit<AuditEntry, '_id' | 'hash' | 'mac'> = wellFormedDeep({
      schoolId: chain,
      seq,
      prevHash: last?.hash ?? GENESIS_HASH,
      ts: auditClock(this.options.anchor?.clockFile),
      actor: {
        userId: text(input.actor.userId, 64),
        profile: input.actor.profile ?? null,
        sessionHash: text(input.actor.sessionHash, 64),
        ip: text(input.actor.ip, 64),
        userAgent: text(input.actor.userAgent, 256),
      },
      origin: input.origin,
      event: input.event,
      target: {
        type: harmless(input.target?.type ?? 'none', 64),
        id: text(input.target?.id, 128),
        ownerId: text(input.target?.ownerId, 64),
      },
      context: { classId: text(input.context?.classId, 64), spaceId: text(input.context?.spaceId, 128) },
      change: storedChange(input.change),
      reason: text(input.reason, 1_000),
      status: input.status ?? 'success',
    });
    const hash = hashOf(body);
    const entry: AuditEntry = { _id: `${chain}:${seq}`, ...body, hash, ...(this.anchor ? { mac: this.anchor.sign(hash) } : {}) };
    try {
      await this.entries.insertOne(entry);
    } catch (error) {
      // Another process appended this seq first: the transaction runs again on the new head.
      if (error instanceof DuplicateKeyError) throw new TransactionConflictError(`audit chain ${chain} moved on`);
      throw error;
    }
    memo?.set(headKey, entry);
    this.anchor?.noted(chain);
    return entry;
  }

  private reportGap(chain: string, storeHead: number, anchored: number): void {
    if (this.gapsReported.has(chain)) return;
    this.gapsReported.add(chain);
    this.options.anchor?.logger?.warn(
      { chain, storeHead, anchored },
      'audit chain: the store ends before the highest number anchored outside it; numbering continues after it (the verification reports the gap)',
    );
  }

  /**
   * Logs a view of content (BRIEF rule 4: browsing is kept), at most once per user per item per
   * VIEW_LOG_COALESCE_MS. Returns the entry, or null when coalesced into an earlier one.
   */
  async recordView(input: Omit<AuditInput, 'event'> & { target: { type: string; id: string; ownerId?: string | null } }, now = Date.now()): Promise<AuditEntry | null> {
    const key = `${input.actor.userId ?? '-'}|${input.target.type}|${input.target.id}`;
    const last = this.lastViews.get(key);
    if (last !== undefined && now - last < VIEW_LOG_COALESCE_MS) return null;
    this.lastViews.delete(key);
    this.lastViews.set(key, now);
    if (this.lastViews.size > MAX_VIEW_KEYS) {
      const oldest = this.lastViews.keys().next().value;
      if (oldest !== undefined) this.lastViews.delete(oldest);
    }
    if (this.options.viewGate && !(await this.options.viewGate(key))) return null;
    return this.record({ ...input, event: 'content.viewed' });
  }

  /** Entries matching a filter, newest first. */
  find(filter: Filter, options: { limit: number; skip?: number }): Promise<AuditEntry[]> {
    return this.entries.find(filter, { sort: { ts: -1, seq: -1 }, limit: options.limit, skip: options.skip ?? 0 });
  }

  count(filter: Filter): Promise<number> {
    return this.entries.count(filter);
  }

  /** The stored entries and the anchor, for log retention and pseudonymisation (`retention.ts`, `pseudonymise.ts`). */
  internals(): { entries: Collection<AuditEntry>; anchor: AuditAnchor | null } {
    return { entries: this.entries, anchor: this.anchor };
  }

  /** The audit key and checkpoints as read now (after checkpointing what this process committed), or null. */
  async anchorState(): Promise<AnchorState | null> {
    if (!this.anchor) return null;
    await this.anchor.flush();
    return readAnchorState(this.anchor.dir, this.anchor.key);
  }

  /**
   * Verifies a chain against the audit key and the checkpoints (`verify.ts`, the same function as the CLI's),
   * after checkpointing what this process committed so far.
   */
  async verify(schoolId: string): Promise<ChainVerification> {
    if (!this.anchor) return verifyChain(this.entries, schoolId, null);
    await this.anchor.flush();
    return verifyChain(this.entries, schoolId, await readAnchorState(this.anchor.dir, this.anchor.key));
  }
}
