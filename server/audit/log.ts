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
import { VIEW_LOG_COALESCE_MS } from '../../shared/limits';
import { canonicalJson, contentHash, harmless, sha256 } from './canonical';

/**
 * A change as a caller describes it: the changed fields and, when they matter, the content before and after.
 * The log keeps only hashes of the contents (the content itself stays in its feature's store).
 */
export interface ChangeInput {
  fields: string[];
  before?: unknown;
  after?: unknown;
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
const VERIFY_PAGE = 1_000;
/** Bounds the memory of view coalescing; the oldest keys are forgotten first. */
const MAX_VIEW_KEYS = 100_000;

const text = (value: string | null | undefined, max?: number): string | null =>
  value === null || value === undefined ? null : harmless(value, max);

/** The stored fields covered by the hash: everything but `_id` and `hash` itself. */
function hashOf(entry: Omit<AuditEntry, '_id' | 'hash'>): string {
  return sha256(canonicalJson(entry));
}

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
 * collide and the whole transaction is run again on the new head (TransactionConflictError).
 */
export class AuditLog {
  private readonly entries: Collection<AuditEntry>;
  private readonly lastViews = new Map<string, number>();

  constructor(private readonly store: Store) {
    this.entries = store.collection<AuditEntry>(AUDIT_COLLECTION);
  }

  async init(): Promise<void> {
    await this.entries.ensureIndexes([
      { fields: { schoolId: 1, seq: 1 }, unique: true },
      { fields: { schoolId: 1, ts: -1 } },
      { fields: { 'actor.userId': 1, ts: -1 } },
      { fields: { event: 1, ts: -1 } },
    ]);
  }

  /** Records one event, in the caller's transaction if there is one, and resolves once it is committed there. */
  record(input: AuditInput): Promise<AuditEntry> {
    if (this.store.inTransaction()) return this.append(input);
    return this.store.transaction(() => this.append(input));
  }

  private async append(input: AuditInput): Promise<AuditEntry> {
    const chain = input.schoolId ?? SYSTEM_CHAIN;
    const last = await this.entries.findOne({ schoolId: chain }, { sort: { seq: -1 } });
    const body: Omit<AuditEntry, '_id' | 'hash'> = {
      schoolId: chain,
      seq: (last?.seq ?? 0) + 1,
      prevHash: last?.hash ?? GENESIS_HASH,
      ts: Date.now(),
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
    };
    const entry: AuditEntry = { _id: `${chain}:${body.seq}`, ...body, hash: hashOf(body) };
    try {
      await this.entries.insertOne(entry);
    } catch (error) {
      // Another process appended this seq first: the transaction runs again on the new head.
      if (error instanceof DuplicateKeyError) throw new TransactionConflictError(`audit chain ${chain} moved on`);
      throw error;
    }
    return entry;
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
    return this.record({ ...input, event: 'content.viewed' });
  }

  /** Entries matching a filter, newest first. */
  find(filter: Filter, options: { limit: number; skip?: number }): Promise<AuditEntry[]> {
    return this.entries.find(filter, { sort: { ts: -1, seq: -1 }, limit: options.limit, skip: options.skip ?? 0 });
  }

  count(filter: Filter): Promise<number> {
    return this.entries.count(filter);
  }

  /** Every chain that has entries. */
  async chains(): Promise<string[]> {
    const firsts = await this.entries.find({ seq: 1 }, { sort: { schoolId: 1 } });
    return firsts.map((entry) => entry.schoolId);
  }

  /** Walks a chain from the start and names the first entry whose hash, link or sequence is wrong. */
  async verify(schoolId: string): Promise<ChainVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const page = await this.entries.find(
        { schoolId, seq: { $gte: expectedSeq } },
        { sort: { seq: 1 }, limit: VERIFY_PAGE },
      );
      for (const entry of page) {
        const broken = (problem: string): ChainVerification => ({
          schoolId,
          ok: false,
          count: expectedSeq - 1,
          firstBrokenSeq: expectedSeq,
          problem,
        });
        if (entry.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing`);
        if (entry.prevHash !== prevHash) return broken('link to the previous entry is broken');
        const { _id: _ignored, hash, ...body } = entry;
        if (hashOf(body) !== hash) return broken('content does not match its hash');
        prevHash = hash;
        expectedSeq += 1;
      }
      if (page.length < VERIFY_PAGE) break;
    }
    return { schoolId, ok: true, count: expectedSeq - 1, firstBrokenSeq: null, problem: null };
  }
}
