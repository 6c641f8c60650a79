/**
 * Several Préau nodes on one machine, as a deployment runs them: one Redis (`startRedis`), N server processes on
 * loopback ports sharing one DATA_DIR (the embedded store; with MONGODB_URI, that DATA_DIR's database), one
 * `REDIS_URL`, one `SESSION_SECRET` and one `AUDIT_KEY`, and optionally nginx in front (`deploy/nginx.conf`,
 * `startNginx`). The first node seeds the demo school alone: it is started and ready (`/readyz`) before the
 * others start. Stops only what it started.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from './net';
import { startNginx, type TestNginx } from './nginx';
import { startRedis, type StartRedisOptions, type TestRedis } from './redis';
import { startServer, type StartServerOptions, type TestServer } from './server';
import { dropTestDatabase } from './store';

export interface TestCluster {
  redis: TestRedis;
  nodes: TestServer[];
  /** nginx in front of every node, when asked. */
  nginx: TestNginx | undefined;
  /** The shared DATA_DIR. */
  dataDir: string;
  /** The environment every node got (REDIS_URL, SESSION_SECRET, AUDIT_KEY, with nginx PUBLIC_ORIGIN and TRUST_PROXY, and the caller's). */
  env: Record<string, string>;
  /**
   * With nginx, its URL: the nodes' public origin. A client talking to a node directly sends it as its `Origin`, as a
   * browser on the public page would (the nodes refuse other origins).
   */
  publicOrigin: string | undefined;
  /** nginx as a TestServer for the helpers (`signedIn`, `openSocket`): its URL, the shared data dir's demo accounts. */
  front(): TestServer;
  /** Stops nginx, the nodes (SIGTERM, in parallel), Redis, then removes the shared DATA_DIR. Idempotent. */
  stop(): Promise<void>;
}

export interface StartClusterOptions {
  /** How many Préau nodes (default 3). */
  nodes?: number;
  /** nginx in front (default false). */
  nginx?: boolean;
  /** Environment for every node, over the cluster's own. */
  env?: Record<string, string>;
  redis?: StartRedisOptions;
  timeoutMs?: number;
  /** Start every node at once on the empty DATA_DIR (default false: node 1 seeds alone, then the others start). */
  together?: boolean;
}

/** A 32-byte secret in hex, as an operator would generate one. */
const secret = (): string => randomBytes(32).toString('hex');

/** The processes of a deployment started so far (filled in as each one starts). */
export interface StartedProcesses {
  redis?: TestRedis;
  nodes: TestServer[];
  nginx?: TestNginx;
}

/**
 * An idempotent stop for what `started` holds when it is called: nginx, the nodes (SIGTERM, in parallel), Redis,
 * then `after`. Shared with the cluster benchmark's deployment (bench/cluster/deployment.ts).
 */
export function stopperOf(started: StartedProcesses, after: () => void | Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      await started.nginx?.stop();
      await Promise.all(started.nodes.map((node) => node.stop()));
      await started.redis?.stop();
      await after();
    })();
    return stopping;
  };
}

/** Starts Redis, then node 1 (which seeds), then the other nodes together (with `together`, every node at once), then nginx if asked. */
export async function startCluster(options: StartClusterOptions = {}): Promise<TestCluster> {
  const count = options.nodes ?? 3;
  const dataDir = mkdtempSync(join(tmpdir(), 'preau-cluster-'));
  const started: StartedProcesses = { nodes: [] };
  const stop = stopperOf(started, async () => {
    rmSync(dataDir, { recursive: true, force: true });
    // With MONGODB_URI the nodes shared the database of this DATA_DIR (tests/helpers/store.ts).
    await dropTestDatabase(dataDir).catch((error: unknown) => console.warn(`could not drop the cluster's test database: ${String(error)}`));
  });
  try {
    const redis = await startRedis(options.redis);
    started.redis = redis;
    // nginx's port is chosen first: every node must know its public origin before it starts.
    const nginxPort = options.nginx ? await freePort() : undefined;
    const publicOrigin = nginxPort === undefined ? undefined : `http://127.0.0.1:${nginxPort}`;
    const env: Record<string, string> = {
      REDIS_URL: redis.url,
      SESSION_SECRET: secret(),
      AUDIT_KEY: secret(),
      ...(publicOrigin ? { PUBLIC_ORIGIN: publicOrigin, TRUST_PROXY: '1' } : {}),
      ...options.env,
    };
    const serverOptions: StartServerOptions = { env, dataDir, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
    if (!options.together) {
      const first = await startServer(serverOptions);
      started.nodes.push(first);
      const ready = await fetch(`${first.url}/readyz`);
      if (ready.status !== 200) throw new Error(`node 1 is not ready: /readyz answered ${ready.status}`);
    }
    const others = await Promise.allSettled(Array.from({ length: count - started.nodes.length }, () => startServer(serverOptions)));
    for (const other of others) if (other.status === 'fulfilled') started.nodes.push(other.value);
    const failed = others.find((other) => other.status === 'rejected');
    if (failed) throw failed.reason;
    if (nginxPort !== undefined) started.nginx = await startNginx({ port: nginxPort, nodes: started.nodes.map((node) => node.port) });
    const nginx = started.nginx;
    return {
      redis,
      nodes: started.nodes,
      nginx,
      dataDir,
      env,
      publicOrigin,
      front() {
        if (!nginx) throw new Error('this cluster has no nginx');
        // Only its URL and the demo accounts are the cluster's: stopping it stops nginx, never a node.
        return {
          url: nginx.url,
          port: nginx.port,
          dataDir,
          process: nginx.process,
          output: nginx.output,
          stop: async () => {
            await nginx.stop();
            return null;
          },
          kill: () => nginx.stop(),
          cleanup: () => undefined,
        };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One cluster for a whole `describe` block: started before its tests, stopped after. Returns an accessor, since
 * the cluster exists only once `beforeAll` ran.
 */
export function useTestCluster(options: StartClusterOptions = {}): () => TestCluster {
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster(options);
  }, (options.timeoutMs ?? 30_000) * 2 + 20_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);
  return () => {
    if (!cluster) throw new Error('the test cluster is not started yet');
    return cluster;
  };
}
