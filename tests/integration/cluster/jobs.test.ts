import { expect, it } from 'vitest';
import { JOB_LOCK_INTERVAL_SHARE } from '../../../shared/jobs/limits';
import { useTestCluster } from '../../helpers/cluster';
import { describeRedis } from '../../helpers/redis';
import type { TestServer } from '../../helpers/server';

/**
 * Jobs that must run once: the session purge and the evidence purge run on one node per interval, whichever node's
 * timer comes first (a lock in Redis held for most of the interval), never on each of the three nodes. The
 * intervals are shortened through configuration; each run is a `job ran` line in its node's log.
 */
const INTERVAL_MS = 1_500;
const JOBS = ['sessions.purge', 'evidence.purge'] as const;
/** Runs of each job to watch (about this many intervals). */
const RUNS = 8;

interface Run {
  job: string;
  node: number;
  startedAt: number;
}

/** Every `job ran` line of every node, of runs started from `since` on. */
function runsOf(nodes: readonly TestServer[], since: number): Run[] {
  const runs: Run[] = [];
  nodes.forEach((node, index) => {
    for (const line of node.output().split('\n')) {
      if (!line.includes('"job ran"')) continue;
      const entry = JSON.parse(line) as { job: string; startedAt: number };
      if (entry.startedAt >= since) runs.push({ job: entry.job, node: index, startedAt: entry.startedAt });
    }
  });
  return runs.sort((a, b) => a.startedAt - b.startedAt);
}

describeRedis('jobs that must run once, across three nodes', () => {
  const cluster = useTestCluster({
    nodes: 3,
    env: { SESSION_PURGE_INTERVAL_MS: String(INTERVAL_MS), EVIDENCE_PURGE_INTERVAL_MS: String(INTERVAL_MS) },
  });

  it('each purge runs once per interval, on one node at a time', async () => {
    const nodes = cluster().nodes;
    // Node 1 started (and ran the jobs alone) before the others: only runs with all three up count.
    const since = Date.now();
    const enough = (): boolean => JOBS.every((job) => runsOf(nodes, since).filter((run) => run.job === job).length >= RUNS);
    const deadline = Date.now() + RUNS * INTERVAL_MS * 4;
    while (!enough() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const runs = runsOf(nodes, since);
    for (const job of JOBS) {
      const times = runs.filter((run) => run.job === job).map((run) => run.startedAt);
      expect(times.length, `${job} ran ${times.length} times`).toBeGreaterThanOrEqual(RUNS);
      const gaps = times.slice(1).map((time, i) => time - times[i]!);
      // Three nodes each running it would leave runs a fraction of an interval apart; the lock keeps them most of
      // an interval apart (half of it here, for the event loops' lag on a loaded machine).
      expect(Math.min(...gaps), `${job}: gaps ${gaps.join(', ')} ms`).toBeGreaterThan(INTERVAL_MS * JOB_LOCK_INTERVAL_SHARE * 0.5);
      // …and it still runs every interval (some node's timer takes the lock each time).
      expect(Math.max(...gaps), `${job}: gaps ${gaps.join(', ')} ms`).toBeLessThan(INTERVAL_MS * 2.5);
    }
  }, 120_000);
});
