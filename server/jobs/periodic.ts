import type { Redis } from 'ioredis';
import { JOB_LOCK_INTERVAL_SHARE } from '../../shared/jobs/limits';
import type { Logger } from '../logger';
import { acquireLock } from './lock';

export interface PeriodicJob {
  /** Its name in logs and in its lock's key. */
  name: string;
  intervalMs: number;
  run(): Promise<unknown>;
}

export interface PeriodicJobs {
  /** Clears every job's timer (a run under way finishes). */
  stop(): void;
}

/**
 * Runs each job every `intervalMs` (timers unref'd: they never keep the process alive). Without Redis, this
 * process runs them, as the only one. With Redis (several nodes), every node's timer fires, and a run first takes
 * the job's lock for `JOB_LOCK_INTERVAL_SHARE` of the interval and keeps it (no release): the other nodes' timers
 * within that interval find it taken and skip, so the job runs once per interval across the nodes, on whichever
 * node comes first, and goes on running when a node dies. While Redis does not answer, runs are skipped (these
 * jobs only tidy up; they run again once it is back). Each run is logged (`job ran`) with when it started and its result.
 */
export function startPeriodicJobs(jobs: readonly PeriodicJob[], options: { redis?: Redis | undefined; logger: Logger }): PeriodicJobs {
  const { redis, logger } = options;
  const runOnce = async (job: PeriodicJob): Promise<void> => {
    if (redis) {
      let lock;
      try {
        lock = await acquireLock(redis, `job:${job.name}`, job.intervalMs * JOB_LOCK_INTERVAL_SHARE);
      } catch (error) {
        logger.warn({ err: error, job: job.name }, 'job skipped: its lock could not be taken');
        return;
      }
      if (!lock) return;
    }
    const startedAt = Date.now();
    const result = await job.run();
    logger.info({ job: job.name, startedAt, result }, 'job ran');
  };
  const timers = jobs.map((job) => {
    const timer = setInterval(() => {
      runOnce(job).catch((error: unknown) => logger.warn({ err: error, job: job.name }, 'job failed'));
    }, job.intervalMs);
    timer.unref();
    return timer;
  });
  return {
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
