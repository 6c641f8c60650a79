import { DELETION_JOB_INTERVAL_MS } from '../../../shared/lifecycle/limits';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import type { PeriodicJob } from '../../jobs/periodic';
import { deletionJob } from './erase';

/** The daily deletion job (at the purge interval when tests make it shorter), once across nodes by its lock. */
export const lifecycleJobs = (ctx: ServerContext): PeriodicJob[] => [
  { name: 'lifecycle.deletion', intervalMs: Math.min(ctx.config.purgeIntervals.evidenceMs, DELETION_JOB_INTERVAL_MS), run: () => deletionJob(ctx, serverNow(ctx)) },
];
