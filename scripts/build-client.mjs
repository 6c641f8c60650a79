#!/usr/bin/env node
// Builds the client into dist/client with Vite, unless the existing build is newer than every source, then writes
// a brotli (`.br`) and a gzip (`.gz`) copy beside each text file worth compressing, so that the server sends them
// as they are (server/http/static-client.ts) instead of compressing per request or sending them uncompressed.
// Usage: node scripts/build-client.mjs [--force]
// Used by `npm start` (before the server starts), the Dockerfile and the tests.
import { readdirSync, statSync } from 'node:fs';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const configFile = join(repoRoot, 'vite.config.ts');
const clientDir = join(repoRoot, 'client');
// The client imports shared/ (schemas, limits, event contracts) and the libraries named in package.json.
const sharedDir = join(repoRoot, 'shared');
const packageFile = join(repoRoot, 'package.json');
// PREAU_CLIENT_DIST (development only): build elsewhere, so parallel working copies' tests do not share one build.
const distDir = process.env.PREAU_CLIENT_DIST || join(repoRoot, 'dist', 'client');
const builtIndex = join(distDir, 'index.html');

/** Files the browser downloads as text; source maps are left alone (only developers' tools fetch them). */
const COMPRESSED_EXTENSIONS = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.xml', '.webmanifest']);
/** Below this, compression saves less than a packet and costs a second file: sent as it is. */
const COMPRESS_MIN_BYTES = 1024;

/** Latest modification time of a file or of any file below a directory (0 if missing). */
function latestMtime(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs; // catches deleted or renamed files
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === '.DS_Store') continue;
    latest = Math.max(latest, latestMtime(join(path, entry)));
  }
  return latest;
}

function staleReason() {
  if (process.argv.includes('--force')) return '--force given';
  const builtAt = latestMtime(builtIndex);
  if (builtAt === 0) return 'no build yet';
  if (latestMtime(clientDir) > builtAt) return 'client/ changed';
  if (latestMtime(sharedDir) > builtAt) return 'shared/ changed';
  if (latestMtime(configFile) > builtAt) return 'vite.config.ts changed';
  if (latestMtime(packageFile) > builtAt) return 'package.json changed';
  return undefined;
}

/** Every file below a directory, skipping dot folders (`.vite/`, the manifest, is never served). */
function filesBelow(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesBelow(path) : [path];
  });
}

/** Written beside, then renamed: a server (or another build) never reads half a file. */
async function writeAtomically(path, bytes) {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Writes `<file>.br` (brotli, best quality, text mode) and `<file>.gz` (gzip level 9) beside each text file of
 * dist/client above COMPRESS_MIN_BYTES, unless both are already newer than it (a reused build keeps its copies).
 * A copy no smaller than the file is not written: the server then sends the file as it is.
 */
async function compressBuild() {
  const started = Date.now();
  let written = 0;
  let before = 0;
  let after = 0;
  const files = filesBelow(distDir).filter((file) => COMPRESSED_EXTENSIONS.has(extname(file)));
  await Promise.all(
    files.map(async (file) => {
      const { size, mtimeMs } = await stat(file);
      if (size < COMPRESS_MIN_BYTES) return;
      const fresh = await Promise.all(['.br', '.gz'].map((suffix) => stat(file + suffix).then((copy) => copy.mtimeMs >= mtimeMs, () => false)));
      if (fresh.every(Boolean)) return;
      const bytes = await readFile(file);
      const [br, gz] = await Promise.all([
        brotli(bytes, {
          params: {
            [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
            [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
            [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
        gzipAsync(bytes, { level: zlibConstants.Z_BEST_COMPRESSION }),
      ]);
      if (br.length < bytes.length) await writeAtomically(file + '.br', br);
      if (gz.length < bytes.length) await writeAtomically(file + '.gz', gz);
      written += 1;
      before += bytes.length;
      after += br.length;
    }),
  );
  if (written > 0) {
    console.log(
      `[build-client] compressed ${written} files in ${Date.now() - started} ms (brotli: ${Math.round(before / 1000)} KB -> ${Math.round(after / 1000)} KB)`,
    );
  }
}

const reason = staleReason();
if (!reason) {
  console.log('[build-client] dist/client is up to date, reusing the existing build');
  await compressBuild();
  process.exit(0);
}

const started = Date.now();
// Always a production build: run from a test runner (NODE_ENV=test), Vite would otherwise build React in
// development mode, and `npm start` would then serve that build as up to date.
process.env.NODE_ENV = 'production';
try {
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn', build: { outDir: distDir } });
} catch (error) {
  console.error(`[build-client] build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(`[build-client] built dist/client in ${Date.now() - started} ms (${reason})`);
await compressBuild();
