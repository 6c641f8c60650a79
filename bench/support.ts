/** Shared measuring tools of the benchmarks: process CPU and memory from /proc, percentiles, rate limits, targets. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
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

/**
 * Nanoseconds a process's main thread (its event loop) ran and waited runnable for a CPU (`/proc/<pid>/schedstat`):
 * time waited is time the machine, not the process, held its work back.
 */
export function schedstat(pid: number): { runNs: number; waitNs: number } {
  const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ');
  return { runNs: Number(run), waitNs: Number(wait) };
}

/** The p-th percentile (0–100) of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A wall-clock timestamp with sub-millisecond resolution, comparable across processes on one machine. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

/** Latency histograms: counts per bin of BIN_MS, mergeable across client processes (IPC carries plain objects). */
export const BIN_MS = 0.1;
export type Histogram = Record<number, number>;

export function recordLatency(histogram: Histogram, ms: number): void {
  const bin = Math.max(0, Math.round(ms / BIN_MS));
  histogram[bin] = (histogram[bin] ?? 0) + 1;
}

export function mergeHistograms(histograms: readonly Histogram[]): Histogram {
  const merged: Histogram = {};
  for (const histogram of histograms) for (const [bin, n] of Object.entries(histogram)) merged[Number(bin)] = (merged[Number(bin)] ?? 0) + n;
  return merged;
}

/** Count, p50/p95/p99 and max of a histogram, in ms (NaN when empty). */
export function summarize(histogram: Histogram): { count: number; p50: number; p95: number; p99: number; max: number } {
  const bins = Object.entries(histogram)
    .map(([bin, n]) => [Number(bin), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const count = bins.reduce((sum, [, n]) => sum + n, 0);
  const at = (q: number): number => {
    let seen = 0;
    for (const [bin, n] of bins) {
      seen += n;
      if (seen >= q * count) return bin * BIN_MS;
    }
    return Number.NaN;
  };
  return { count, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: count === 0 ? Number.NaN : bins[bins.length - 1]![0] * BIN_MS };
}

/**
 * `RATE_LIMITS` for a benchmark's server: every named limit at its real value, overriding the raised ones test
 * servers get (`TEST_RATE_LIMITS`). On the generated school every simulated user has their own session, so the
 * load meets the per-user limits exactly as a school's would.
 */
export function realRateLimits(): string {
  return JSON.stringify(RATE_LIMITS);
}

/** A named target: met when `value` ≤ `limit` (a value that could not be measured, NaN, misses it). */
export interface Target {
  name: string;
  value: number;
  limit: number;
  unit: string;
}

/**
 * Prints each target with its measured value and PASS or FAIL, and sets the exit code to 1 when one is missed
 * (`npm run bench` then fails). Returns whether all were met.
 */
export function reportTargets(targets: readonly Target[]): boolean {
  let allMet = true;
  for (const target of targets) {
    const met = target.value <= target.limit;
    allMet &&= met;
    console.log(`target ${target.name} ≤ ${target.limit} ${target.unit}: ${Number.isFinite(target.value) ? target.value.toFixed(1) : 'not measured'} ${target.unit} — ${met ? 'PASS' : 'FAIL'}`);
  }
  if (!allMet) process.exitCode = 1;
  return allMet;
}

/** The machine, for the report: cores and load average now (the load clients share the machine). */
export function machineLine(): string {
  return `${cpus().length} cores, load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`;
}

/** The next IPC message of `type` from a child process; rejects if the child exits first. */
export function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (value: unknown): void => {
      if ((value as { type?: string }).type !== type) return;
      child.off('message', onMessage);
      resolve(value as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`waiting for ${type}: process exited with ${code}`)));
  });
}

/** The role this process was forked in (`--role=<role>`: a benchmark's load clients or reference server), if any. */
export function benchRole(): string | undefined {
  return process.argv.find((arg) => arg.startsWith('--role='))?.slice('--role='.length);
}

/** Runs a benchmark's main, then exits: with the exit code its targets set, or 1 with the error printed. */
export async function runBenchMain(main: () => Promise<void>): Promise<void> {
  await main().then(
    () => process.exit(),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
