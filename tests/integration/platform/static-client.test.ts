/**
 * What a tablet actually downloads (issue 14): the real server sends the built client as the build's brotli or gzip
 * copy (`scripts/build-client.mjs`, `server/http/static-client.ts`) according to `Accept-Encoding`, with the file's
 * type and cache headers; the copies decode to the very files of dist/client; and the bytes over the wire for the
 * sign-in page and a pupil's home stay under the budgets of `shared/platform/client-budget.ts`.
 *
 * Plain `node:http` requests: a fetch would decode the bodies and hide what crossed the wire.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_FIRST_LOAD_CSS_BUDGET_BYTES,
  CLIENT_FIRST_LOAD_GZIP_BUDGET_BYTES,
} from '../../../shared/platform/client-budget';
import { rawRequest as send, type RawAnswer as Answer } from '../../helpers/net';
import { ROOT, useTestServer, type TestServer } from '../../helpers/server';

const DIST = join(ROOT, 'dist', 'client');
/** What Chromium sends. */
const BROWSER = 'gzip, deflate, br, zstd';
const GZIP_ONLY = 'gzip, deflate';

function decode(answer: Answer): Buffer {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.body);
  if (encoding === 'gzip') return gunzipSync(answer.body);
  expect(encoding, 'an unexpected Content-Encoding').toBeUndefined();
  return answer.body;
}

/** The files a page's HTML makes the browser fetch at once: scripts, module preloads, style sheets, the icon. */
function referencedBy(html: string): string[] {
  const urls = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]!);
  return [...new Set(urls)];
}

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
}

/** The built files (JS and CSS) a manifest key loads before it runs: its own and its static imports'. */
function filesOf(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): string[] {
  if (seen.has(key)) return [];
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the manifest`);
  return [chunk.file, ...(chunk.css ?? []), ...(chunk.imports ?? []).flatMap((imported) => filesOf(manifest, imported, seen))];
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

describe('the built client over the wire', () => {
  beforeAll(() => {
    // Builds the client if its sources changed, and writes its compressed copies (as `npm start` does).
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }, 600_000);
  const use = useTestServer();
  let server: TestServer;
  let signInFiles: string[];
  beforeAll(async () => {
    server = use();
    const page = await send(`${server.url}/connexion`, { 'Accept-Encoding': BROWSER });
    signInFiles = referencedBy(decode(page).toString('utf8'));
    expect(signInFiles.filter((url) => url.endsWith('.js')).length).toBeGreaterThan(1);
    expect(signInFiles.filter((url) => url.endsWith('.css')).length).toBeGreaterThan(0);
  });

  it('sends the sign-in page and its scripts and styles as brotli, decoding to the files of dist/client', async () => {
    const page = await send(`${server.url}/connexion`, { 'Accept-Encoding': BROWSER });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.vary).toMatch(/Accept-Encoding/i);
    expect(decode(page).equals(readFileSync(join(DIST, 'index.html')))).toBe(true);

    const compressed = signInFiles.filter((url) => /\.(js|css)$/.test(url) && statSync(join(DIST, url)).size > 1024);
    expect(compressed.length).toBeGreaterThan(1);
    for (const url of signInFiles) {
      const answer = await send(`${server.url}${url}`, { 'Accept-Encoding': BROWSER });
      const plain = await send(`${server.url}${url}`);
      expect(answer.status, url).toBe(200);
      if (compressed.includes(url)) expect(answer.headers['content-encoding'], url).toBe('br');
      expect(answer.headers['content-type'], url).toBe(plain.headers['content-type']);
      expect(answer.headers['content-type'], url).toMatch(url.endsWith('.js') ? /^text\/javascript/ : /^(text\/css|image\/svg)/);
      expect(answer.headers['cache-control'], url).toBe(url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      expect(Number(answer.headers['content-length']), url).toBe(answer.body.length);
      expect(decode(answer).equals(readFileSync(join(DIST, url))), `${url} decodes to the built file`).toBe(true);
    }
  });

  it('sends gzip when only gzip is accepted, and the file as it is when nothing is', async () => {
    const script = signInFiles.find((url) => url.endsWith('.js') && statSync(join(DIST, url)).size > 10_000)!;
    const built = readFileSync(join(DIST, script));
    const gzip = await send(`${server.url}${script}`, { 'Accept-Encoding': GZIP_ONLY });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/i);
    expect(decode(gzip).equals(built)).toBe(true);
    for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'br;q=0, gzip;q=0' }] as Record<string, string>[]) {
      const plain = await send(`${server.url}${script}`, headers);
      expect(plain.headers['content-encoding'], JSON.stringify(headers)).toBeUndefined();
      expect(plain.headers.vary, JSON.stringify(headers)).toMatch(/Accept-Encoding/i);
      expect(plain.body.equals(built), JSON.stringify(headers)).toBe(true);
    }
    // q-values decide; brotli first at equal q; `*` stands for any other.
    for (const [accept, expected] of [['br;q=0, gzip', 'gzip'], ['gzip;q=1, br;q=0.5', 'gzip'], ['*', 'br'], ['gzip, *;q=0.1', 'gzip']]) {
      expect((await send(`${server.url}${script}`, { 'Accept-Encoding': accept! })).headers['content-encoding'], accept).toBe(expected);
    }
    const page = await send(`${server.url}/connexion`, { 'Accept-Encoding': GZIP_ONLY });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(decode(page).equals(readFileSync(join(DIST, 'index.html')))).toBe(true);
  });

  it('answers HEAD, ranges and revalidation on the compressed copy, and refuses what is outside the build', async () => {
    const script = signInFiles.find((url) => url.endsWith('.js') && statSync(join(DIST, url)).size > 10_000)!;
    const copy = readFileSync(join(DIST, `${script}.br`));
    const head = await send(`${server.url}${script}`, { 'Accept-Encoding': BROWSER }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBe(copy.length);
    expect(head.body.length).toBe(0);

    const range = await send(`${server.url}${script}`, { 'Accept-Encoding': BROWSER, Range: 'bytes=0-99' });
    expect(range.status).toBe(206);
    expect(range.headers['content-encoding']).toBe('br');
    expect(range.headers['content-range']).toBe(`bytes 0-99/${copy.length}`);
    expect(range.body.equals(copy.subarray(0, 100))).toBe(true);
    const beyond = await send(`${server.url}${script}`, { 'Accept-Encoding': BROWSER, Range: `bytes=${copy.length + 10}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-encoding']).toBeUndefined();

    // Each representation has its own validator; a revalidation answers 304 for the one the browser holds.
    const br = await send(`${server.url}${script}`, { 'Accept-Encoding': BROWSER });
    const gz = await send(`${server.url}${script}`, { 'Accept-Encoding': GZIP_ONLY });
    expect(br.headers.etag).toBeDefined();
    expect(br.headers.etag).not.toBe(gz.headers.etag);
    const again = await send(`${server.url}${script}`, { 'Accept-Encoding': BROWSER, 'If-None-Match': String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);

    // The build's manifest (a dot folder) and paths climbing out of the build are not served, compressed or not.
    const manifest = await send(`${server.url}/.vite/manifest.json`, { 'Accept-Encoding': BROWSER });
    expect(decode(manifest).toString('utf8')).not.toContain('"isEntry"');
    const climbing = await send(`${server.url}/assets/%2e%2e/%2e%2e/package.json`, { 'Accept-Encoding': BROWSER });
    expect(decode(climbing).toString('utf8')).not.toContain('"devDependencies"');
  });

  it('keeps the bytes over the wire of the sign-in page and a pupil’s home under the budget', async () => {
    const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    const live = filesOf(manifest, 'src/lib/socketClient.ts').map((file) => `/${file}`);
    const pages: Record<string, { html: string; files: string[] }> = {
      'sign-in (/connexion)': { html: '/connexion', files: signInFiles },
      'a pupil’s home (/accueil, with its live connection)': { html: '/accueil', files: [...new Set([...signInFiles, ...live])] },
    };
    const over: string[] = [];
    for (const [accept, label] of [[BROWSER, 'br'], [GZIP_ONLY, 'gzip']] as const) {
      for (const [name, page] of Object.entries(pages)) {
        const bytes = { html: 0, js: 0, css: 0, other: 0 };
        for (const url of [page.html, ...page.files]) {
          const answer = await send(`${server.url}${url}`, { 'Accept-Encoding': accept });
          expect(answer.status, url).toBe(200);
          const kind = url === page.html ? 'html' : url.endsWith('.js') ? 'js' : url.endsWith('.css') ? 'css' : 'other';
          bytes[kind] += answer.body.length;
        }
        const total = bytes.html + bytes.js + bytes.css + bytes.other;
        console.log(
          `[client-wire] ${name}, ${label}: ${page.files.length + 1} files, ${kb(total)} (HTML ${kb(bytes.html)}, JS ${kb(bytes.js)}, CSS ${kb(bytes.css)}, other ${kb(bytes.other)})`,
        );
        if (bytes.js > CLIENT_FIRST_LOAD_GZIP_BUDGET_BYTES) over.push(`${name}, ${label}: JavaScript ${kb(bytes.js)}`);
        if (bytes.css > CLIENT_FIRST_LOAD_CSS_BUDGET_BYTES) over.push(`${name}, ${label}: CSS ${kb(bytes.css)}`);
        if (total > CLIENT_FIRST_LOAD_GZIP_BUDGET_BYTES + CLIENT_FIRST_LOAD_CSS_BUDGET_BYTES) over.push(`${name}, ${label}: ${kb(total)} in all`);
      }
    }
    expect(over, 'over the budget').toEqual([]);
  });
});
