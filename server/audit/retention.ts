/**
 * Log retention (issue 17, CNIL recommendation: 6 to 12 months). Each chain's entries older than its school's
 * retention are purged BY SEGMENT: a whole prefix of the chain, up to the last entry older than the cut. Before
 * anything is deleted, a signed start line is appended to the checkpoint file (the audit key, outside the store):
 * « chain C now starts at seq S, whose prevHash is H, N entries purged ». `verifyChain` then verifies from S,
 * linked to H: a kept entry deleted afterwards is still `missing`, a forged start line is `anchor`, an entry
 * re-linked to pretend the chain starts later is `forged`, and an `audit.purged` entry that no start line
 * attests (or that says another count) is `rewritten`.
 *
 * Order, so that a crash anywhere leaves a chain that verifies and a run that finishes the work: (1) the start
 * line (durable), (2) the `audit.purged` entry (it is younger than the cut, so it is kept and becomes part of
 * the verified chain), (3) the deletion. A run finds what an earlier one left: entries below the start are
 * deleted, a start without its entry gets it. A chain that does not verify is never purged (the evidence stays).
 */
import { AUDIT_RETENTION_DEFAULT_MONTHS, AUDIT_RETENTION_MAX_MONTHS, AUDIT_RETENTION_MIN_MONTHS, AUDIT_RETENTION_MONTH_MS } from '../../shared/audit/limits';
import { SYSTEM_CHAIN } from '../../shared/audit/events';
import type { ServerContext } from '../context';
import type { ChainStart } from './checkpoints';
import { auditClock } from './log';
import { chainStarts, listChains, purgeReason } from './verify';

/** What one run did to one chain. */
export interface ChainPurge {
  chain: string;
  /** The first kept entry. */
  startSeq: number;
  purged: number;
}

/** A school's retention in months (its setting within the bounds, or the default). */
export async function auditRetentionMonths(ctx: ServerContext, schoolId: string): Promise<number> {
  if (schoolId === SYSTEM_CHAIN) return AUDIT_RETENTION_DEFAULT_MONTHS;
  const school = await ctx.services.directory.schools.findOne({ _id: schoolId });
  const months = (school?.settings as { auditRetentionMonths?: unknown } | undefined)?.auditRetentionMonths;
  return typeof months === 'number' && months >= AUDIT_RETENTION_MIN_MONTHS && months <= AUDIT_RETENTION_MAX_MONTHS ? months : AUDIT_RETENTION_DEFAULT_MONTHS;
}

/** Records the `audit.purged` entry of a start, unless it is already there. */
async function recordPurge(ctx: ServerContext, chain: string, start: ChainStart): Promise<boolean> {
  const { entries } = ctx.services.audit.internals();
  if (await entries.findOne({ schoolId: chain, event: 'audit.purged', 'target.id': String(start.seq) })) return false;
  await ctx.services.audit.record({
    schoolId: chain === SYSTEM_CHAIN ? null : chain,
    actor: { userId: null },
    origin: 'job',
    event: 'audit.purged',
    target: { type: 'auditChain', id: String(start.seq), ownerId: null },
    reason: purgeReason(start),
  });
  return true;
}

/** Purges one chain's entries dated before `cut`; null when there was nothing to do. */
export async function purgeChain(ctx: ServerContext, chain: string, cut: number): Promise<ChainPurge | null> {
  const { audit } = ctx.services;
  const { entries, anchor } = audit.internals();
  if (!anchor) throw new Error('log retention needs the audit key and the checkpoint file');
  const state = await audit.anchorState();
  const current = chainStarts(state, chain).current;
  // What an earlier run left: its purge entry, and the entries below its start.
  if (current) {
    await recordPurge(ctx, chain, current);
    await entries.deleteMany({ schoolId: chain, seq: { $lt: current.seq } });
  }
  const last = await entries.findOne({ schoolId: chain, ts: { $lt: cut } }, { sort: { seq: -1 } });
  if (!last || (current && last.seq < current.seq)) return null;
  const verification = await audit.verify(chain);
  if (!verification.ok) {
    ctx.logger.error({ chain, problem: verification.problem }, 'audit retention: the chain does not verify; nothing purged (the evidence stays)');
    return null;
  }
  const start: ChainStart = {
    seq: last.seq + 1,
    prevHash: last.hash,
    purged: await entries.count({ schoolId: chain, seq: { $lte: last.seq } }),
  };
  await anchor.writeStart(chain, start);
  await recordPurge(ctx, chain, start);
  await entries.deleteMany({ schoolId: chain, seq: { $lt: start.seq } });
  return { chain, startSeq: start.seq, purged: start.purged };
}

/** The daily job: every chain purged to its school's retention, as the server's calendar says. */
export async function auditRetentionJob(ctx: ServerContext): Promise<{ purged: ChainPurge[] }> {
  const now = auditClock(ctx.config.clockFile);
  const { entries } = ctx.services.audit.internals();
  const purged: ChainPurge[] = [];
  for (const chain of await listChains(entries, await ctx.services.audit.anchorState())) {
    const months = await auditRetentionMonths(ctx, chain);
    const done = await purgeChain(ctx, chain, now - months * AUDIT_RETENTION_MONTH_MS);
    if (done) purged.push(done);
  }
  return { purged };
}

