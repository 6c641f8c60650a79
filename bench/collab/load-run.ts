/**
 * One load run of `bench/collab.bench.ts` against one server: forks the load-client processes, hands them the
 * rooms, measures the server's and the clients' CPU over the measured window, and merges what the clients saw.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { processUsage, schedstat } from '../support';
import { BUCKET_MS, BUCKETS, type ClientsResult, type ClientsStart, type RoomPlan } from './load-clients';

/** The load's shape, the same for every server and size of a run. */
export interface LoadSettings {
  /** The file to fork with `--role=clients` (the benchmark's entry). */
  entry: string;
  editsPerSecond: number;
  /** Each edit is followed by a presence update. */
  awareness: boolean;
  warmupSeconds: number;
  measureSeconds: number;
  clientProcesses: number;
  /** CPUs (a `taskset -c` list) for the load clients; undefined: not pinned. */
  clientCpus: string | undefined;
}

export interface LoadResult {
  rooms: number;
  p50: number;
  p99: number;
  max: number;
  deliveriesPerSecond: number;
  stampsSent: number;
  missing: number;
  roomsConverged: number;
  serverCpuPercent: number;
  serverRssMb: number;
  /** Sum over the load-client processes, in % of one core. */
  clientsCpuPercent: number;
  /** How long the server's event loop waited runnable for a CPU, in % of the window (others had the cores). */
  serverCpuWaitPercent: number;
  /** The same for the load-client processes (the most waiting one). */
  clientsCpuWaitPercent: number;
  /** The busiest load-client process, in % of one core. */
  clientsCpuMaxPercent: number;
  /** The worst p99 (and max) of the load-client processes' event-loop delay over the window (ms). */
  clientsLoopDelayP99Ms: number;
  clientsLoopDelayMaxMs: number;
  framesPerSecond: number;
  unexpectedCloses: number;
  /** `os.loadavg()` (1 min) before and after the run. */
  loadBefore: number;
  loadAfter: number;
}

/** Whether every room converged with every stamp delivered. */
export const converged = (result: LoadResult): boolean => result.roomsConverged === result.rooms && result.missing === 0;

/** Forks the benchmark's entry in a role (`clients`, `reference`), in its own process. */
export function forkRole(entry: string, role: string): ChildProcess {
  return fork(entry, [`--role=${role}`], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Resolves with the first IPC message of this type from a child. */
export function message<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (value: unknown) => {
      if ((value as { type?: string }).type === type) {
        child.off('message', onMessage);
        resolve(value as T);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`${type}: process exited with ${code}`)));
  });
}

/** Pins every thread of a process to a CPU list (`taskset -a -p -c`); threads it starts later inherit it. */
export function pin(pid: number, cpus: string | undefined): void {
  if (cpus === undefined) return;
  const result = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`taskset -c ${cpus} ${pid} failed: ${result.stderr || result.error?.message}`);
}

function percentile(histogram: number[], total: number, p: number): number {
  const target = Math.ceil(total * p);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= target) return (i + 1) * BUCKET_MS;
  }
  return Infinity;
}

/**
 * Drives the rooms against the server whose process is `serverPid` (or a cluster's nodes: their CPU, CPU wait and
 * RSS are summed); resolves with what was measured.
 */
export async function runLoad(settings: LoadSettings, serverPid: number | readonly number[], rooms: RoomPlan[]): Promise<LoadResult> {
  const serverPids = typeof serverPid === 'number' ? [serverPid] : serverPid;
  const sum = (measure: (pid: number) => number): number => serverPids.reduce((total, pid) => total + measure(pid), 0);
  const serverUsage = () => ({ cpuSeconds: sum((pid) => processUsage(pid).cpuSeconds), rssMb: sum((pid) => processUsage(pid).rssMb) });
  const serverWaitNs = () => sum((pid) => schedstat(pid).waitNs);
  const perProcess = Math.ceil(rooms.length / settings.clientProcesses);
  const children = Array.from({ length: settings.clientProcesses }, () => forkRole(settings.entry, 'clients'));
  for (const child of children) pin(child.pid!, settings.clientCpus);
  const connected = children.map((child) => message(child, 'connected'));
  children.forEach((child, i) =>
    child.send({
      type: 'start',
      rooms: rooms.slice(i * perProcess, (i + 1) * perProcess),
      editsPerSecond: settings.editsPerSecond,
      awareness: settings.awareness,
      warmupMs: settings.warmupSeconds * 1000,
      measureMs: settings.measureSeconds * 1000,
    } satisfies ClientsStart),
  );
  await Promise.all(connected);
  const results = children.map((child) => message<ClientsResult>(child, 'result'));
  const loadBefore = loadavg()[0]!;
  for (const child of children) child.send({ type: 'go' });
  await new Promise((resolve) => setTimeout(resolve, settings.warmupSeconds * 1000));
  const before = serverUsage();
  const serverSched = serverWaitNs();
  const clientsSched = children.map((child) => schedstat(child.pid!).waitNs);
  const clientsBefore = children.map((child) => processUsage(child.pid!).cpuSeconds);
  let rss = before.rssMb;
  const sampler = setInterval(() => (rss = Math.max(rss, serverUsage().rssMb)), 500);
  await new Promise((resolve) => setTimeout(resolve, settings.measureSeconds * 1000));
  const after = serverUsage();
  const serverWaited = serverWaitNs() - serverSched;
  const clientsWaited = children.map((child, i) => schedstat(child.pid!).waitNs - clientsSched[i]!);
  const clientsUsed = children.map((child, i) => processUsage(child.pid!).cpuSeconds - clientsBefore[i]!);
  clearInterval(sampler);
  const loadAfter = loadavg()[0]!;
  const all = await Promise.all(results);
  const histogram = new Array<number>(BUCKETS + 1).fill(0);
  for (const result of all) result.histogram.forEach((count, i) => (histogram[i]! += count));
  const deliveries = all.reduce((sum, result) => sum + result.deliveries, 0);
  const maxBucket = histogram.findLastIndex((count) => count > 0);
  return {
    rooms: rooms.length,
    p50: percentile(histogram, deliveries, 0.5),
    p99: percentile(histogram, deliveries, 0.99),
    max: (maxBucket + 1) * BUCKET_MS,
    deliveriesPerSecond: deliveries / settings.measureSeconds,
    stampsSent: all.reduce((sum, result) => sum + result.stampsSent, 0),
    missing: all.reduce((sum, result) => sum + result.missing, 0),
    roomsConverged: all.reduce((sum, result) => sum + result.roomsConverged, 0),
    serverCpuPercent: ((after.cpuSeconds - before.cpuSeconds) / settings.measureSeconds) * 100,
    serverRssMb: rss,
    serverCpuWaitPercent: (serverWaited / 1e9 / settings.measureSeconds) * 100,
    clientsCpuWaitPercent: (Math.max(...clientsWaited) / 1e9 / settings.measureSeconds) * 100,
    clientsCpuPercent: (clientsUsed.reduce((sum, used) => sum + used, 0) / settings.measureSeconds) * 100,
    clientsCpuMaxPercent: (Math.max(...clientsUsed) / settings.measureSeconds) * 100,
    clientsLoopDelayP99Ms: Math.max(...all.map((result) => result.loopDelayP99Ms)),
    clientsLoopDelayMaxMs: Math.max(...all.map((result) => result.loopDelayMaxMs)),
    framesPerSecond: all.reduce((sum, result) => sum + result.frames, 0) / settings.measureSeconds,
    unexpectedCloses: all.reduce((sum, result) => sum + result.sendsDropped, 0),
    loadBefore,
    loadAfter,
  };
}
