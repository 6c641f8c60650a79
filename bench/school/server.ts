/**
 * A benchmark's server on a generated school: a fresh temporary DATA_DIR, the school generated into it, then the
 * real server started on it in a child process (`startServer`, as the tests do) without the demo seed and at the
 * real rate limits (`realRateLimits`): every simulated user has their own session, so no per-user limit is raised.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_COOKIE } from '../../shared/identity/api';
import { Browser } from '../../tests/helpers/http';
import { startServer, type TestServer } from '../../tests/helpers/server';
import { realRateLimits } from '../support';
import { generateSchool, type BenchAccount, type BenchSchool } from './generate';
import type { SchoolSize } from './roster';

export interface BenchSchoolServer {
  school: BenchSchool;
  server: TestServer;
  /** Stops the server and removes the DATA_DIR. */
  close(): Promise<void>;
}

export interface BenchSchoolOptions {
  size: SchoolSize;
  /** More environment for the server (given after the defaults, so it may replace them). */
  env?: Record<string, string>;
}

/**
 * With BENCH_CPU_PROF_DIR set, the server is profiled as `node --cpu-prof` would (`bench/collab/cpu-profile.ts`;
 * read the profile with `node --import tsx bench/collab/profile.ts <dir>`).
 */
function profilingEnv(): Record<string, string> {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  if (!dir) return {};
  const preload = `--import tsx --import ${join(import.meta.dirname, '..', 'collab', 'cpu-profile.ts')}`;
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preload}`.trim(), BENCH_CPU_PROF_DIR: dir };
}

/** A generated school in its own temporary DATA_DIR, before any server starts on it. */
export interface BenchSchoolDir {
  school: BenchSchool;
  dataDir: string;
  /** Removes the DATA_DIR. */
  remove(): void;
}

/** Generates a school of `size` in a new temporary DATA_DIR (removed again if the generation fails). */
export async function generateBenchSchoolDir(size: SchoolSize): Promise<BenchSchoolDir> {
  const dataDir = mkdtempSync(join(tmpdir(), 'preau-bench-'));
  const remove = (): void => rmSync(dataDir, { recursive: true, force: true });
  try {
    const school = await generateSchool(dataDir, size);
    const pupils = school.classes.reduce((sum, schoolClass) => sum + schoolClass.pupils.length, 0);
    console.log(
      `benchmark school: ${school.classes.length} classes, ${pupils} pupils, ${school.classes.length} teachers, ${school.parents.length} parents, one session each, generated in ${school.seconds.toFixed(1)} s`,
    );
    return { school, dataDir, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** The environment of a benchmark's Préau server: no demo seed, the real rate limits, profiling when asked. */
export function benchServerEnv(): Record<string, string> {
  return { SEED_DEMO: 'false', RATE_LIMITS: realRateLimits(), ...profilingEnv() };
}

/** Generates a school of `size` in a new DATA_DIR and starts the server on it. */
export async function startBenchSchool(options: BenchSchoolOptions): Promise<BenchSchoolServer> {
  const { school, dataDir, remove } = await generateBenchSchoolDir(options.size);
  try {
    const server = await startServer({ dataDir, timeoutMs: 60_000, env: { ...benchServerEnv(), ...options.env } });
    return {
      school,
      server,
      async close() {
        await server.stop();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/** A browser-like client holding a generated account's session (no sign-in: the session exists already). */
export function browserOf(server: Pick<TestServer, 'url'>, account: BenchAccount): Browser {
  const browser = new Browser(server.url);
  browser.cookies.set(SESSION_COOKIE, account.sessionToken);
  browser.csrfToken = account.csrfToken;
  return browser;
}
