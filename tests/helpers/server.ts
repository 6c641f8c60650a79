import { afterAll, beforeAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dropTestDatabase, onMongo, serverMongoUri } from './store';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed so far (pino JSON lines on stdout, anything on stderr). */
  output(): string;
  /** SIGTERM, then resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, no cleanup by the server. */
  kill(): Promise<void>;
  /**
   * Removes the data dir (after stop or kill), and with MONGODB_URI drops its database: resolves once dropped
   * (`useTestServer` waits for it; a test calling it directly may await it).
   */
  cleanup(): void;
}

export interface StartServerOptions {
  env?: Record<string, string>;
  /** Reuse a data dir (to test restarts); a fresh temporary one otherwise. */
  dataDir?: string;
  timeoutMs?: number;
  /**
   * Resolve once the server is ready (« Préau is listening », after its start-up work: the default), or as soon
   * as it accepts connections, before that work (to watch what a client sees meanwhile).
   */
  until?: 'ready' | 'accepting';
  /** Node's arguments and working directory (default: the sources under tsx, `server/main.ts` in ROOT). */
  entry?: { args: string[]; cwd: string };
  /** Seed this server's fresh DATA_DIR itself, never starting from the run's seeded copy (see `SEEDED_DATA_DIR_ENV`). */
  fresh?: boolean;
}

/**
 * A DATA_DIR the integration run seeded once with the demo school (`tests/helpers/seeded-data-dir.ts`, its global
 * set-up, made by this run's code): a server started on a fresh temporary DATA_DIR starts on a copy of it (store,
 * secrets, audit key and checkpoints, as after a restart) instead of hashing the ~70 demo passwords again, the
 * slowest part of a test server's start on a loaded machine. A test about seeding passes `fresh`, its own
 * `dataDir`, or a variable below.
 */
export const SEEDED_DATA_DIR_ENV = 'PREAU_TEST_SEEDED_DATA_DIR';
/** Variables that make a server's stored state its own (another store, key or seed): such a server seeds itself. */
const OWN_STATE_VARIABLES = ['AUDIT_KEY', 'AUDIT_CHECKPOINT_DIR', 'SESSION_SECRET', 'SEED_DEMO', 'SEED_DELAY_SECONDS'];

/** The seeded DATA_DIR to copy for this server, if any (embedded store only: a MongoDB database is not a folder). */
function seededCopySource(options: StartServerOptions): string | undefined {
  const source = process.env[SEEDED_DATA_DIR_ENV];
  if (!source || options.fresh || options.dataDir !== undefined || options.entry || onMongo) return undefined;
  if (options.env?.MONGODB_URI) return undefined;
  if (OWN_STATE_VARIABLES.some((name) => options.env?.[name] !== undefined)) return undefined;
  return source;
}

/**
 * Rate limits of test servers. Tests drive the server at machine speed (a matrix test makes hundreds of requests
 * and events a second as one user, creates dozens of cards in a second), far beyond what the general per-user
 * limits allow a person, so those are raised here; every request still goes through the limiter. Limits that
 * tests already live with (chat and forum flood control, collab, sign-in) keep their real values. A test about
 * a limit passes its own small values in `env.RATE_LIMITS`: they are merged over these.
 */
export const TEST_RATE_LIMITS: Record<string, { points: number; durationSeconds: number }> = {
  restUser: { points: 100_000, durationSeconds: 1 },
  restAnonymous: { points: 100_000, durationSeconds: 1 },
  socketEvent: { points: 100_000, durationSeconds: 1 },
  wallCardCreate: { points: 100_000, durationSeconds: 1 },
  wallCardMove: { points: 100_000, durationSeconds: 1 },
  wallReact: { points: 100_000, durationSeconds: 1 },
  wallComment: { points: 100_000, durationSeconds: 1 },
};

/** TEST_RATE_LIMITS with a test's own RATE_LIMITS merged over them (a value that is not JSON is passed as is). */
function testRateLimits(own: string | undefined): string {
  if (own === undefined || own.trim() === '') return JSON.stringify(TEST_RATE_LIMITS);
  try {
    return JSON.stringify({ ...TEST_RATE_LIMITS, ...(JSON.parse(own) as Record<string, unknown>) });
  } catch {
    return own;
  }
}

/**
 * Starts the real server in a child process (`node --import tsx server/main.ts`, or `entry`) on a random loopback port,
 * with a fresh temporary DATA_DIR, and resolves once it listens. With MONGODB_URI set in the tests' environment,
 * the server stores in that deployment, in the database of its DATA_DIR (`tests/helpers/store.ts`); a test that
 * passes `env.MONGODB_URI` (say '' for the embedded store) chooses for itself.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'preau-test-'));
  const seeded = seededCopySource(options);
  if (seeded) cpSync(seeded, dataDir, { recursive: true });
  const child = spawn(process.execPath, options.entry?.args ?? ['--import', 'tsx', 'server/main.ts'], {
    cwd: options.entry?.cwd ?? ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      MONGODB_URI: serverMongoUri(dataDir),
      ...options.env,
      RATE_LIMITS: testRateLimits(options.env?.RATE_LIMITS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start within ${options.timeoutMs ?? 30_000} ms:\n${output}`)),
      options.timeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = (options.until === 'accepting' ? /"port":(\d+)[^\n]*accepting connections/ : /"port":(\d+)[^\n]*Préau is listening/).exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    // Typed void: callers need not await it (a drop that fails is only reported); the promise is there for those who do.
    async cleanup() {
      if (options.dataDir) return;
      rmSync(dataDir, { recursive: true, force: true });
      await dropTestDatabase(dataDir).catch((error: unknown) => console.warn(`could not drop the test database of ${dataDir}: ${String(error)}`));
    },
  };
}

/**
 * One server for a whole `describe` block: started before its tests, stopped and cleaned after.
 * Returns an accessor, since the server exists only once `beforeAll` ran.
 */
export function useTestServer(options: StartServerOptions = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer(options);
  });
  afterAll(async () => {
    await server?.stop();
    await (server?.cleanup() as Promise<void> | undefined);
  });
  return () => {
    if (!server) throw new Error('the test server is not started yet');
    return server;
  };
}
