/** Shared measuring tools of the benchmarks: process CPU and memory from /proc, percentiles. */
import { readFileSync } from 'node:fs';
import { RATE_LIMITS } from '../shared/ratelimit/limits';

/** `getconf CLK_TCK` on Linux. */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) used so far by a process, and its resident memory in MiB. */
export function processUsage(pid: number): { cpuSeconds: number; rssMb: number } {
  // Fields after the command name (which may hold spaces, inside parentheses): utime and stime are 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const rssKb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  return { cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS, rssMb: rssKb / 1024 };
}

/** The p-th percentile (0–100) of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A wall-clock timestamp with sub-millisecond resolution, comparable across processes on one machine. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

/**
 * `RATE_LIMITS` for a benchmark: the named limits raised so far that the load measures the server, not the
 * limiter's refusals (the limiter is still asked). The benches carry a school's load on the demo school's few
 * accounts. Only the names this version of the server knows are kept (it refuses unknown ones).
 */
export function raisedRateLimits(names: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(names.filter((name) => Object.hasOwn(RATE_LIMITS, name)).map((name) => [name, { points: 1_000_000, durationSeconds: 1 }])));
}
