/**
 * Redis for tests: a `redis-server` of its own on a free loopback port, with its own temporary directory and no
 * persistence unless asked. It runs in the foreground as a child of the test and is stopped through that child
 * only. The controls are those the scale-out scenarios need: restart on the same port, pause (SIGSTOP/SIGCONT),
 * and killing chosen client connections.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, it } from 'vitest';
import { freePort } from './net';

const DEFAULT_REDIS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server'];

/** The redis-server binary: `REDIS_SERVER_PATH`, else a usual place, else none. */
export function redisServerPath(): string | undefined {
  const fromEnv = process.env.REDIS_SERVER_PATH?.trim();
  if (fromEnv) return fromEnv;
  return DEFAULT_REDIS.find((path) => existsSync(path));
}

/** On CI (`.ci/run` installs redis-server) a missing Redis is a failure, not a skip. */
const redisRequired = process.env.CI === 'true' || process.env.REDIS_REQUIRED === '1';
const INSTALL_HINT = 'Install it: apt-get update && apt-get install -y redis-server (or set REDIS_SERVER_PATH)';

/** `describe` for tests that run Redis: without it, fails on CI, else skips with a notice nobody can miss. */
export function describeRedis(name: string, fn: () => void): void {
  if (redisServerPath()) {
    describe(name, fn);
    return;
  }
  if (redisRequired) {
    describe(name, () => {
      it('needs redis-server', () => {
        throw new Error(`No redis-server found (looked at $REDIS_SERVER_PATH and ${DEFAULT_REDIS.join(', ')}) and it is required (CI=true). ${INSTALL_HINT}`);
      });
    });
    return;
  }
  const bar = '!'.repeat(78);
  process.stderr.write(`\n${bar}\n!! REDIS TESTS SKIPPED: "${name}"\n!! No redis-server found (looked at $REDIS_SERVER_PATH and ${DEFAULT_REDIS.join(', ')}).\n!! ${INSTALL_HINT}\n${bar}\n\n`);
  describe.skip(name, fn);
}

export interface TestRedis {
  /** `redis://127.0.0.1:<port>`, the same across restarts. */
  url: string;
  port: number;
  /** The current redis-server process (a new one after `restart`). */
  process(): ChildProcess;
  /** What the server printed (all its runs). */
  output(): string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its directory. Idempotent. */
  stop(): Promise<void>;
  /**
   * Stops the server and starts a new one on the same port and directory. Without `persistence`, the data is gone
   * (as after losing a cache node); with it, the append-only file brings it back.
   */
  restart(): Promise<void>;
  /** Freezes the server for `ms` (SIGSTOP, then SIGCONT): its clients see it hang, not close. */
  pause(ms: number): Promise<void>;
  /**
   * Kills the client connections whose `CLIENT LIST` line matches `pattern` (e.g. `/cmd=xread/`, or a connection
   * name as `/name=preau:adapter/`), never the connection asking. Resolves with how many were killed.
   */
  clientKill(pattern: RegExp | string): Promise<number>;
  /** The lines of `CLIENT LIST` other than the asking connection's. */
  clients(): Promise<string[]>;
}

export interface StartRedisOptions {
  /** Append-only file with fsync on every write, so that `restart` keeps the data. Off by default. */
  persistence?: boolean;
  timeoutMs?: number;
}

function redisArgs(port: number, dir: string, persistence: boolean): string[] {
  return [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--protected-mode', 'yes',
    '--dir', dir,
    '--save', '',
    '--appendonly', persistence ? 'yes' : 'no',
    ...(persistence ? ['--appendfsync', 'always'] : []),
    '--daemonize', 'no',
    '--logfile', '',
    '--databases', '1',
  ];
}

/** Starts redis-server on a free loopback port (or `port`); resolves once it accepts connections. */
async function spawnRedis(binary: string, port: number, dir: string, persistence: boolean, timeoutMs: number, log: { text: string }): Promise<ChildProcess> {
  const child = spawn(binary, redisArgs(port, dir, persistence), { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within ${timeoutMs} ms:\n${log.text}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      log.text += chunk.toString();
      if (/Ready to accept connections/.test(log.text.slice(-4096))) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.on('data', (more: Buffer) => (log.text += more.toString()));
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (log.text += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code ?? signal}) before accepting connections:\n${log.text}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A paused server ignores SIGTERM until it runs again.
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Starts a Redis of the test's own. */
export async function startRedis(options: StartRedisOptions = {}): Promise<TestRedis> {
  const binary = redisServerPath();
  if (!binary) throw new Error(`No redis-server. ${INSTALL_HINT}`);
  const persistence = options.persistence ?? false;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'preau-redis-'));
  const log = { text: '' };
  let port = await freePort();
  let child: ChildProcess;
  try {
    child = await spawnRedis(binary, port, dir, persistence, timeoutMs, log);
  } catch {
    // The free port was taken meanwhile: one more try on another.
    port = await freePort();
    child = await spawnRedis(binary, port, dir, persistence, timeoutMs, log).catch((error: unknown) => {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    });
  }
  const url = `redis://127.0.0.1:${port}`;
  let stopped = false;

  const withAdmin = async <T>(work: (admin: Redis) => Promise<T>): Promise<T> => {
    const admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectionName: 'test-admin' });
    try {
      await admin.connect();
      return await work(admin);
    } finally {
      admin.disconnect();
    }
  };
  const otherClients = (list: string): string[] =>
    list
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !/ name=test-admin /.test(` ${line} `));

  return {
    url,
    port,
    process: () => child,
    output: () => log.text,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      if (stopped) throw new Error('redis is stopped');
      await stopProcess(child);
      child = await spawnRedis(binary, port, dir, persistence, timeoutMs, log);
    },
    async pause(ms) {
      if (!child.kill('SIGSTOP')) throw new Error('redis-server could not be paused');
      try {
        await new Promise((resolve) => setTimeout(resolve, ms));
      } finally {
        child.kill('SIGCONT');
      }
    },
    async clients() {
      return withAdmin(async (admin) => otherClients((await admin.client('LIST')) as string));
    },
    async clientKill(pattern) {
      const matches = typeof pattern === 'string' ? (line: string) => line.includes(pattern) : (line: string) => pattern.test(line);
      return withAdmin(async (admin) => {
        let killed = 0;
        for (const line of otherClients((await admin.client('LIST')) as string)) {
          if (!matches(line)) continue;
          const id = /(?:^| )id=(\d+)/.exec(line)?.[1];
          if (!id) continue;
          killed += Number(await admin.client('KILL', 'ID', id));
        }
        return killed;
      });
    },
  };
}
