/**
 * The deployment `bench:cluster` measures, on one machine: N Préau nodes on loopback ports sharing one DATA_DIR (the
 * embedded store, a generated benchmark school), optionally one Redis (`REDIS_URL`, a shared `SESSION_SECRET`: the
 * Socket.IO adapter), and nginx in front with the production configuration (`deploy/nginx.conf` through the test
 * helper). The same helpers as the multi-node tests start them; nothing is copied. Every process started here is
 * stopped by `stop()`, also when the benchmark fails or is interrupted (SIGINT, SIGTERM).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stopperOf, type StartedProcesses } from '../../tests/helpers/cluster';
import { startNginx, type TestNginx } from '../../tests/helpers/nginx';
import { freePort } from '../../tests/helpers/net';
import { startRedis, type TestRedis } from '../../tests/helpers/redis';
import { startServer, type TestServer } from '../../tests/helpers/server';
import { benchServerEnv } from '../school/server';
import { processUsage } from '../support';

export interface DeploymentOptions {
  nodes: number;
  /** Redis and the Socket.IO adapter (`REDIS_URL`); without it a node is the single process Préau is by default. */
  redis: boolean;
  /** The shared DATA_DIR, with the school already in it (removed by the caller). */
  dataDir: string;
}

export interface BenchDeployment {
  /** nginx's URL: every client goes through it. */
  url: string;
  nodes: TestServer[];
  /** Each node's own URL (to find which node holds a connection). */
  nodeUrls: string[];
  nodePids: number[];
  redis: TestRedis | undefined;
  nginx: TestNginx;
  /** CPU seconds used so far by nginx (master and workers) and by Redis (0 without it). */
  sideCpuSeconds(): { nginx: number; redis: number };
  /** Stops nginx, the nodes, then Redis. Idempotent. */
  stop(): Promise<void>;
}

/** nginx's worker connections: a live client holds two (its own and the one to its node); 600 sockets and 200 pads fit. */
const NGINX_WORKER_CONNECTIONS = 8192;
const NODE_START_TIMEOUT_MS = 60_000;

/** The stops of every deployment still running, for an interrupted run. */
const running = new Set<() => Promise<void>>();
/** What else an interrupted run must clean up (temporary directories), after the deployments. */
const leftovers = new Set<() => void>();
let handlersInstalled = false;

function installInterruptHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the benchmark's Redis, nodes and nginx`);
      void Promise.allSettled([...running].map((stop) => stop())).then(() => {
        for (const cleanup of leftovers) cleanup();
        process.exit(130);
      });
    });
  }
}

/** Runs `cleanup` if the run is interrupted before `forget()` is called (it is then the caller's again). */
export function cleanUpOnInterrupt(cleanup: () => void): { forget(): void } {
  installInterruptHandlers();
  leftovers.add(cleanup);
  return { forget: () => void leftovers.delete(cleanup) };
}

/** CPU seconds of a process and its direct children (nginx's master and its workers). */
function treeCpuSeconds(pid: number): number {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // Gone already.
  }
  return [pid, ...children].reduce((sum, one) => {
    try {
      return sum + processUsage(one).cpuSeconds;
    } catch {
      return sum;
    }
  }, 0);
}

/** Starts Redis (if asked), node 1, the other nodes together, then nginx in front of them. */
export async function startDeployment(options: DeploymentOptions): Promise<BenchDeployment> {
  installInterruptHandlers();
  const started: StartedProcesses = { nodes: [] };
  const stop = stopperOf(started, () => void running.delete(stop));
  running.add(stop);
  try {
    if (options.redis) started.redis = await startRedis();
    // nginx's port first: every node must know its public origin (the Origin its clients send) before it starts.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      ...benchServerEnv(),
      PUBLIC_ORIGIN: url,
      TRUST_PROXY: '1',
      ...(started.redis ? { REDIS_URL: started.redis.url, SESSION_SECRET: randomBytes(32).toString('hex') } : {}),
    };
    const serverOptions = { dataDir: options.dataDir, env, timeoutMs: NODE_START_TIMEOUT_MS };
    started.nodes.push(await startServer(serverOptions));
    const others = await Promise.allSettled(Array.from({ length: options.nodes - 1 }, () => startServer(serverOptions)));
    for (const other of others) if (other.status === 'fulfilled') started.nodes.push(other.value);
    const failed = others.find((other) => other.status === 'rejected');
    if (failed) throw failed.reason;
    const nginx = await startNginx({ port, nodes: started.nodes.map((node) => node.port), workerConnections: NGINX_WORKER_CONNECTIONS });
    started.nginx = nginx;
    const redis = started.redis;
    return {
      url,
      nodes: started.nodes,
      nodeUrls: started.nodes.map((node) => node.url),
      nodePids: started.nodes.map((node) => node.process.pid!),
      redis,
      nginx,
      sideCpuSeconds: () => ({ nginx: treeCpuSeconds(nginx.process.pid!), redis: redis ? treeCpuSeconds(redis.process().pid!) : 0 }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
