/**
 * One load run of the chat benchmarks (`bench:chat`, `bench:cluster`) against one server or a cluster: forks the
 * load-client processes, hands them whole rooms, measures the servers' and the clients' CPU over the measured
 * window, and merges what the clients saw.
 */
import type { ChildProcess } from 'node:child_process';
import { mergeHistograms, nextMessage, preciseNow, processUsage, schedstat, summarize } from '../support';
import type { ChatRoomPlan, FromClients, ToClients } from './clients';

type Result = Extract<FromClients, { type: 'result' }>;

export interface ChatLoadOptions {
  /** Forks one load-client process (the benchmark's entry in its clients role). */
  forkClients: () => ChildProcess;
  workers: number;
  intervalMs: number;
  measureSeconds: number;
  /** The server's processes, whose CPU is summed (one server, or a cluster's nodes). */
  serverPids: readonly number[];
  /** Where the sockets connect (a server, or nginx in front of the nodes). */
  url: string;
  rooms: ChatRoomPlan[];
  /** The nodes behind `url`, each by its direct URL: each socket's node is found, and deliveries are told apart by path. */
  nodes?: string[];
  /** Called when the measured window opens and when it closes (e.g. to read a counter over the window). */
  window?: (edge: 'open' | 'close') => Promise<void>;
}

export interface ChatLoadResult {
  latency: ReturnType<typeof summarize>;
  /** With `nodes`: deliveries whose sender's socket was on the receiver's node, and those that crossed nodes. */
  sameNode?: ReturnType<typeof summarize>;
  crossNode?: ReturnType<typeof summarize>;
  /** With `nodes`: how many sockets each node held. */
  socketsPerNode?: number[];
  sent: number;
  acked: number;
  refused: Record<string, number>;
  expected: number;
  delivered: number;
  sockets: number;
  serverCpuPercent: number;
  /** How long the server's event loops waited runnable for a CPU (summed over its processes), in % of the window. */
  serverCpuWaitPercent: number;
  serverRssMb: number;
  clientsCpuPercent: number;
}

const cpuOf = (pids: readonly number[]): number => pids.reduce((sum, pid) => sum + processUsage(pid).cpuSeconds, 0);
const waitOf = (pids: readonly number[]): number => pids.reduce((sum, pid) => sum + schedstat(pid).waitNs, 0) / 1e9;
const rssOf = (pids: readonly number[]): number => pids.reduce((sum, pid) => sum + processUsage(pid).rssMb, 0);

/** Runs the load and measures it. */
export async function runChatLoad(options: ChatLoadOptions): Promise<ChatLoadResult> {
  const { workers: count, intervalMs, measureSeconds, serverPids } = options;
  const workers = Array.from({ length: count }, () => options.forkClients());
  try {
    const connected = workers.map((worker) => nextMessage<{ sockets: number; socketsPerNode?: number[] }>(worker, 'connected'));
    workers.forEach((worker, k) =>
      worker.send({ type: 'plan', url: options.url, rooms: options.rooms.filter((_, i) => i % count === k), ...(options.nodes ? { nodes: options.nodes } : {}) } satisfies ToClients),
    );
    const answers = await Promise.all(connected);
    const sockets = answers.reduce((sum, answer) => sum + answer.sockets, 0);
    const results = workers.map((worker) => nextMessage<Result>(worker, 'result'));
    const startAt = preciseNow() + 500;
    for (const worker of workers) worker.send({ type: 'go', startAt, warmupMs: intervalMs, measureMs: measureSeconds * 1000, intervalMs } satisfies ToClients);
    await new Promise((resolve) => setTimeout(resolve, startAt + intervalMs - preciseNow()));
    await options.window?.('open');
    const before = cpuOf(serverPids);
    const waitedBefore = waitOf(serverPids);
    const clientsBefore = cpuOf(workers.map((worker) => worker.pid!));
    const measuredFrom = preciseNow();
    let rss = rssOf(serverPids);
    const sampler = setInterval(() => (rss = Math.max(rss, rssOf(serverPids))), 1_000);
    await new Promise((resolve) => setTimeout(resolve, measureSeconds * 1000));
    clearInterval(sampler);
    const after = cpuOf(serverPids);
    const waitedAfter = waitOf(serverPids);
    await options.window?.('close');
    const clientsAfter = cpuOf(workers.map((worker) => worker.pid!));
    const seconds = (preciseNow() - measuredFrom) / 1000;
    const done = await Promise.all(results);
    const refused: Record<string, number> = {};
    for (const result of done) for (const [code, n] of Object.entries(result.refused)) refused[code] = (refused[code] ?? 0) + n;
    const total = (key: 'sent' | 'acked' | 'expected' | 'delivered') => done.reduce((sum, result) => sum + result[key], 0);
    const byPath = options.nodes
      ? {
          sameNode: summarize(mergeHistograms(done.map((result) => result.sameNode ?? {}))),
          crossNode: summarize(mergeHistograms(done.map((result) => result.crossNode ?? {}))),
          socketsPerNode: options.nodes.map((_, n) => answers.reduce((sum, answer) => sum + (answer.socketsPerNode?.[n] ?? 0), 0)),
        }
      : {};
    return {
      latency: summarize(mergeHistograms(done.map((result) => result.latency))),
      ...byPath,
      sent: total('sent'),
      acked: total('acked'),
      refused,
      expected: total('expected'),
      delivered: total('delivered'),
      sockets,
      serverCpuPercent: ((after - before) / seconds) * 100,
      serverCpuWaitPercent: ((waitedAfter - waitedBefore) / seconds) * 100,
      serverRssMb: rss,
      clientsCpuPercent: ((clientsAfter - clientsBefore) / seconds) * 100,
    };
  } finally {
    for (const worker of workers) if (worker.exitCode === null) worker.kill();
  }
}

/** Deliveries missing, in % of those expected (NaN when none were expected). */
export const missingPercent = (result: Pick<ChatLoadResult, 'expected' | 'delivered'>): number =>
  result.expected === 0 ? Number.NaN : (100 * (result.expected - result.delivered)) / result.expected;
