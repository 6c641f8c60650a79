/**
 * nginx for tests: `deploy/nginx.conf` as production has it, with the test's nodes and port put in, and its own
 * prefix, pid, logs and temporary paths in a temporary directory. It runs in the foreground as a child of the
 * test and is stopped through that child only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from './net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { ROOT } from './server';

/** The production configuration. */
export const NGINX_CONF = join(ROOT, 'deploy/nginx.conf');

const DEFAULT_NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'];

/** The nginx binary: `NGINX_PATH`, else a usual place, else none. */
export function nginxPath(): string | undefined {
  const fromEnv = process.env.NGINX_PATH?.trim();
  if (fromEnv) return fromEnv;
  return DEFAULT_NGINX.find((path) => existsSync(path));
}

/** On CI (`.ci/run` installs nginx) a missing nginx is a failure, not a skip. */
const nginxRequired = process.env.CI === 'true' || process.env.NGINX_REQUIRED === '1';
const INSTALL_HINT = 'Install it: apt-get update && apt-get install -y nginx (or set NGINX_PATH)';

/** `describe` for tests that run nginx: without it, fails on CI, else skips with a notice nobody can miss. */
export function describeNginx(name: string, fn: () => void): void {
  if (nginxPath()) {
    describe(name, fn);
    return;
  }
  if (nginxRequired) {
    describe(name, () => {
      it('needs nginx', () => {
        throw new Error(`No nginx found (looked at $NGINX_PATH and ${DEFAULT_NGINX.join(', ')}) and it is required (CI=true). ${INSTALL_HINT}`);
      });
    });
    return;
  }
  const bar = '!'.repeat(78);
  process.stderr.write(`\n${bar}\n!! NGINX TESTS SKIPPED: "${name}"\n!! No nginx found (looked at $NGINX_PATH and ${DEFAULT_NGINX.join(', ')}).\n!! ${INSTALL_HINT}\n${bar}\n\n`);
  describe.skip(name, fn);
}


function replaceIn(text: string, pattern: RegExp, replacement: (...groups: string[]) => string, what: string): string {
  if (!new RegExp(pattern.source, pattern.flags.replace('g', '')).test(text)) throw new Error(`deploy/nginx.conf: no ${what} to replace (${pattern})`);
  return text.replace(pattern, (...match: unknown[]) => replacement(...(match as string[])));
}

/**
 * `deploy/nginx.conf` for a test instance: each `server app:3000 …;` line of the upstreams becomes one line per
 * node on loopback (same parameters), it listens on 127.0.0.1:`port`, one worker (`workerConnections`, default
 * 1024: a live client holds two), logs and temporary files in `dir`.
 */
export function testNginxConf(options: { dir: string; port: number; nodes: number[]; workerConnections?: number }): string {
  const { dir, port, nodes, workerConnections = 1024 } = options;
  let conf = readFileSync(NGINX_CONF, 'utf8');
  conf = replaceIn(conf, /^(\s*)server app:3000([^;]*);$/gm, (_, indent, parameters) => nodes.map((node) => `${indent}server 127.0.0.1:${node}${parameters};`).join('\n'), 'upstream server');
  conf = replaceIn(conf, /^(\s*)listen 80;$/m, (_, indent) => `${indent}listen 127.0.0.1:${port};`, 'listen 80');
  conf = replaceIn(conf, /^worker_processes \S+;$/m, () => 'worker_processes 1;', 'worker_processes');
  // A test instance needs few descriptors, and may not raise its limit (a container's is fixed).
  conf = replaceIn(conf, /^worker_rlimit_nofile \S+;\n/m, () => '', 'worker_rlimit_nofile');
  conf = replaceIn(conf, /^(\s*)worker_connections \S+;$/m, (_, indent) => `${indent}worker_connections ${workerConnections};`, 'worker_connections');
  conf = replaceIn(conf, /^(\s*)access_log \S+/m, (_, indent) => `${indent}access_log ${join(dir, 'access.log')}`, 'access_log');
  conf = replaceIn(conf, /^(\s*)error_log \S+/m, (_, indent) => `${indent}error_log ${join(dir, 'error.log')}`, 'error_log');
  const temporary = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${join(dir, kind)};`).join('\n');
  return replaceIn(conf, /^http \{$/m, () => `http {\n${temporary}`, 'http block');
}

/** A temporary directory for an instance, open to nginx's workers (they drop root for `nobody`). */
function instanceDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'preau-nginx-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** nginx's command line for a configuration file in `dir` (`extra` goes into `-g`). */
function nginxArgs(dir: string, extra: string): string[] {
  return ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', `pid ${join(dir, 'nginx.pid')};${extra}`];
}

/** `nginx -t` on the test configuration of `nodes`: its exit code and what it printed. */
export function checkNginxConf(nodes: number[]): { status: number | null; output: string } {
  const binary = nginxPath();
  if (!binary) throw new Error(`No nginx. ${INSTALL_HINT}`);
  const dir = instanceDir();
  try {
    writeFileSync(join(dir, 'nginx.conf'), testNginxConf({ dir, port: 1, nodes }));
    const run = spawnSync(binary, ['-t', ...nginxArgs(dir, '')], { encoding: 'utf8', timeout: 10_000 });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TestNginx {
  url: string;
  port: number;
  process: ChildProcess;
  /** What nginx printed, and its error log. */
  output(): string;
  /** Fast shutdown (SIGTERM, open connections closed), then removes its directory. */
  stop(): Promise<void>;
}

/** Starts nginx on `port` (a free one by default) in front of the Préau nodes listening on `nodes`; resolves once it answers. */
export async function startNginx(options: { nodes: number[]; port?: number; workerConnections?: number; timeoutMs?: number }): Promise<TestNginx> {
  const binary = nginxPath();
  if (!binary) throw new Error(`No nginx. ${INSTALL_HINT}`);
  const port = options.port ?? (await freePort());
  const dir = instanceDir();
  writeFileSync(join(dir, 'nginx.conf'), testNginxConf({ dir, port, nodes: options.nodes, ...(options.workerConnections ? { workerConnections: options.workerConnections } : {}) }));
  const child = spawn(binary, nginxArgs(dir, ' daemon off;'), { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output = (): string => {
    const log = join(dir, 'error.log');
    return `${printed}${existsSync(log) ? readFileSync(log, 'utf8') : ''}`;
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const text = output();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx exited before answering:\n${text}`);
    }
    const answered = await fetch(`${url}/healthz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) {
      const text = output();
      await stop();
      throw new Error(`nginx did not answer on ${url} within ${options.timeoutMs ?? 10_000} ms:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, port, process: child, output, stop };
}
