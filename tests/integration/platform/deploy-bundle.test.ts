/**
 * The production image runs the server compiled to JavaScript with plain `node` (no TypeScript loader), from a
 * directory holding only what the Dockerfile's runtime stage ships: package.json, node_modules and dist/. This
 * test builds that directory in a temporary place (the bundle by `scripts/build-server.mjs`, package.json and its
 * scripts as the Dockerfile sets them, node_modules linked, a stand-in client build) and runs it for real.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainVerification } from '../../../shared/audit/chain';
import { ROOT, startServer, type TestServer } from '../../helpers/server';
import { serverMongoUri } from '../../helpers/store';
import { signedIn } from '../../helpers/sockets';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const runtimeStage = dockerfile.slice(dockerfile.indexOf(' AS runtime'));
/** The runtime stage's command, as the image runs it. */
const imageCommand = JSON.parse(/^CMD (\[.*\])$/m.exec(runtimeStage)?.[1] ?? '[]') as string[];
/** The arguments of the build stage's `npm pkg set`: the image's own `npm start` and `npm run audit:verify`. */
const imageScripts = [...(/npm pkg set ((?:"[^"]+" ?)+)/.exec(dockerfile)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
const CLIENT_MARKER = '<!doctype html><title>client build of the bundle test</title>';

/** Only environment of our own: no TypeScript loader can come in through NODE_OPTIONS. */
function environment(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'test', DATA_DIR: dataDir, MONGODB_URI: '', REDIS_URL: '', SESSION_SECRET: '', LOG_LEVEL: 'warn', ...extra };
}

/** Every file below `dir`, relative, not entering node_modules. */
function filesBelow(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const relative = join(prefix, entry.name);
    return entry.isDirectory() ? filesBelow(join(dir, entry.name), relative) : [relative];
  });
}

describe('the server compiled to JavaScript, as the Docker image runs it', () => {
  let app: string;
  let server: TestServer;

  beforeAll(async () => {
    app = mkdtempSync(join(tmpdir(), 'preau-bundle-'));
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs'), '--outdir', join(app, 'dist/server')], { cwd: ROOT, stdio: 'pipe' });
    writeFileSync(join(app, 'package.json'), readFileSync(join(ROOT, 'package.json')));
    execFileSync('npm', ['pkg', 'set', ...imageScripts], { cwd: app, stdio: 'pipe' });
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
    mkdirSync(join(app, 'dist/client'), { recursive: true });
    writeFileSync(join(app, 'dist/client/index.html'), CLIENT_MARKER);
    server = await startServer({ entry: { args: imageCommand.slice(1), cwd: app }, env: { NODE_OPTIONS: '' } });
  });

  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('ships only dist/, node_modules and package.json, and runs `node dist/server/main.js`', () => {
    expect(imageCommand).toEqual(['node', 'dist/server/main.js']);
    const copied = [...runtimeStage.matchAll(/^COPY --from=build \/app\/(\S+) /gm)].map((match) => match[1]);
    expect(copied.sort()).toEqual(['dist', 'node_modules', 'package.json']);
    expect(runtimeStage).not.toMatch(/tsx/);
    // Nothing TypeScript to fall back on: the server and the verifier are JavaScript files of their own.
    const files = filesBelow(app);
    expect(files.filter((file) => /\.(ts|tsx|mts|cts)$/.test(file))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['dist/server/main.js', 'dist/server/audit-verify.js']));
    const bundle = readFileSync(join(app, 'dist/server/main.js'), 'utf8');
    expect(bundle).not.toMatch(/from ["'](\.\.?\/|tsx)/);
  });

  it('starts with node alone: /readyz answers 200, a demo account signs in, and the client is served from dist/', async () => {
    expect(server.process.spawnargs.slice(1)).toEqual(['dist/server/main.js']);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const pupil = await signedIn(server, 'lea.martin');
    const me = await pupil.get<{ user: { login: string } }>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.login).toBe('lea.martin');
    const page = await fetch(`${server.url}/classes`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(CLIENT_MARKER);
  });

  it('runs the compiled audit verifier as `npm run audit:verify` of the image: every chain holds, exit code 0', () => {
    expect(imageScripts).toContain('scripts.audit:verify=node dist/server/audit-verify.js');
    const run = spawnSync('npm', ['run', '--silent', 'audit:verify', '--', '--json'], { cwd: app, env: environment(server.dataDir, { MONGODB_URI: serverMongoUri(server.dataDir) }), encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const chains = JSON.parse(run.stdout) as ChainVerification[];
    expect(chains.length).toBeGreaterThan(0);
    for (const chain of chains) expect(chain).toMatchObject({ ok: true, anchored: true });
    // The sign-in above is in the log the verifier read.
    expect(chains.reduce((sum, chain) => sum + chain.count, 0)).toBeGreaterThan(0);
  });

  it('refuses to start with REDIS_URL but no SESSION_SECRET: one line naming the variable, exit code 1', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'preau-bundle-data-'));
    try {
      const run = spawnSync(process.execPath, ['dist/server/main.js'], {
        cwd: app,
        env: environment(dataDir, { REDIS_URL: 'redis://127.0.0.1:1', PORT: '0', HOST: '127.0.0.1' }),
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration: SESSION_SECRET is required when REDIS_URL is set/)]);
      expect(existsSync(join(dataDir, 'session-secret'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
