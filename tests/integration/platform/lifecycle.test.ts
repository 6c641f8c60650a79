import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, startServer } from '../../helpers/server';
import { dropTestDatabase, onMongo } from '../../helpers/store';
import { openSocket, signedIn } from '../../helpers/sockets';

function runMain(env: Record<string, string>, entry = 'server/main.ts'): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', MONGODB_URI: '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('configuration errors', () => {
  it.each([
    ['PORT', 'abc'],
    ['MONGODB_URI', 'http://not-mongo'],
    ['SESSION_SECRET', 'short'],
    ['PUBLIC_ORIGIN', 'not a url'],
  ])('%s=%s prints one line naming the variable and exits with code 1', (variable, value) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'preau-config-'));
    const result = runMain({ [variable]: value, DATA_DIR: dataDir });
    rmSync(dataDir, { recursive: true, force: true });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(result.stdout).toBe('');
  });
});

describe('npm start (scripts/start.ts)', () => {
  it('refuses PORT=abc with one line before building anything', () => {
    const result = runMain({ PORT: 'abc' }, 'scripts/start.ts');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration: PORT must be an integer between 0 and 65535 (got "abc")');
    expect(result.stdout).toBe('');
  });
});

describe('start-up and shutdown', () => {
  it('creates the data dir, keeps a generated session secret, and seeds once', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'preau-life-'));
    const dataDir = join(parent, 'nested', 'data');
    const first = await startServer({ dataDir });
    expect(await first.stop()).toBe(0);
    const secret = readFileSync(join(dataDir, 'session-secret'), 'utf8');
    expect(secret.trim().length).toBeGreaterThanOrEqual(32);
    expect(first.output()).toContain('demo school seeded');

    const second = await startServer({ dataDir });
    expect(await second.stop()).toBe(0);
    expect(readFileSync(join(dataDir, 'session-secret'), 'utf8')).toBe(secret);
    expect(second.output()).not.toContain('demo school seeded');
    // The embedded store lives in the data dir; with MONGODB_URI nothing of it is made there.
    expect(existsSync(join(dataDir, 'preau.sqlite'))).toBe(!onMongo);
    rmSync(parent, { recursive: true, force: true });
    await dropTestDatabase(dataDir);
  });

  it('on SIGTERM, tells socket clients to reconnect and exits with code 0 within 10 s', async () => {
    const server = await startServer();
    const socket = await openSocket(server, await signedIn(server, 'lea.martin'));
    const hint = new Promise<{ reconnectInMs: number }>((done) => socket.once('system:shutdown', done));
    const started = Date.now();
    const code = await server.stop();
    const elapsed = Date.now() - started;
    expect(code).toBe(0);
    expect(elapsed).toBeLessThan(10_000);
    expect((await hint).reconnectInMs).toBeGreaterThan(0);
    socket.close();
    server.cleanup();
  });
});
