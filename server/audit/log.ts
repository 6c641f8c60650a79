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
import { DuplicateKeyError, type Collection, type Filter, type Store } from '../storage/port';
import { VIEW_LOG_COALESCE_MS } from '../../shared/limits';
import { canonicalJson, harmless, sha256 } from './canonical';

/** What a caller gives to record one event; the log adds ts, seq and the hashes. */
export interface AuditInput {
  schoolId: string | null;
  actor: Partial<AuditActor>;
  origin: AuditOrigin;
  event: AuditEventName;
  target?: Partial<AuditTarget>;
  context?: Partial<AuditContext>;
  change?: AuditChange | null;
  reason?: string | null;
  status?: AuditStatus;
}

export const AUDIT_COLLECTION = 'audit';
const VERIFY_PAGE = 1_000;
/** Bounds the memory of view coalescing; the oldest keys are forgotten first. */
const MAX_VIEW_KEYS = 100_000;
const APPEND_RETRIES = 5;

const text = (value: string | null | undefined, max?: number): string | null =>
  value === null || value === undefined ? null : harmless(value, max);

/** The stored fields covered by the hash: everything but `_id` and `hash` itself. */
function hashOf(entry: Omit<AuditEntry, '_id' | 'hash'>): string {
  return sha256(canonicalJson(entry));
}

/**
 * The append-only, hash-chained audit log: one chain per school, each entry linked to the previous one by
 * `prevHash`, numbered by `seq`. This class is the ONE path that writes audit events.
 *
 * Appends to a chain are serialised in this process; the unique `_id` (`school:seq`) makes a concurrent append
 * from another node fail with a duplicate key, and the append is retried on the new head.
 */
export class AuditLog {
  private readonly entries: Collection<AuditEntry>;
  private readonly heads = new Map<string, { seq: number; hash: string }>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly lastViews = new Map<string, number>();

  constructor(store: Store) {
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

  /** Records one event and resolves with the stored entry once it is durable. */
  record(input: AuditInput): Promise<AuditEntry> {
    const chain = input.schoolId ?? SYSTEM_CHAIN;
    const previous = this.queues.get(chain) ?? Promise.resolve();
    const next = previous.then(
      () => this.append(chain, input),
      () => this.append(chain, input),
    );
    this.queues.set(chain, next);
    void next.finally(() => {
      if (this.queues.get(chain) === next) this.queues.delete(chain);
    });
    return next;
  }

  private async head(chain: string): Promise<{ seq: number; hash: string }> {
    const cached = this.heads.get(chain);
    if (cached) return cached;
    const last = await this.entries.findOne({ schoolId: chain }, { sort: { seq: -1 } });
    const head = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
    this.heads.set(chain, head);
    return head;
  }

  private async append(chain: string, input: AuditInput): Promise<AuditEntry> {
    for (let attempt = 0; ; attempt += 1) {
      const head = await this.head(chain);
      const body: Omit<AuditEntry, '_id' | 'hash'> = {
        schoolId: chain,
        seq: head.seq + 1,
        prevHash: head.hash,
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
        change: input.change
          ? {
              fields: input.change.fields.map((field) => harmless(field, 64)),
              beforeHash: input.change.beforeHash,
              afterHash: input.change.afterHash,
            }
          : null,
        reason: text(input.reason, 1_000),
        status: input.status ?? 'success',
      };
      const entry: AuditEntry = { _id: `${chain}:${body.seq}`, ...body, hash: hashOf(body) };
      try {
        await this.entries.insertOne(entry);
        this.heads.set(chain, { seq: entry.seq, hash: entry.hash });
        return entry;
      } catch (error) {
        // Another node appended first: reload the head and try again.
        this.heads.delete(chain);
        if (!(error instanceof DuplicateKeyError) || attempt >= APPEND_RETRIES) throw error;
      }
    }
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
