#!/usr/bin/env node
// Builds the client into dist/client with Vite, unless the existing build is newer than every source.
// Usage: node scripts/build-client.mjs [--force]
// Used by `npm start` (before the server starts) and by the e2e tests.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const configFile = join(repoRoot, 'vite.config.ts');
const clientDir = join(repoRoot, 'client');
// The client imports shared/ (schemas, limits, event contracts) and the libraries named in package.json.
const sharedDir = join(repoRoot, 'shared');
const packageFile = join(repoRoot, 'package.json');
const builtIndex = join(repoRoot, 'dist', 'client', 'index.html');

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

const reason = staleReason();
if (!reason) {
  console.log('[build-client] dist/client is up to date, reusing the existing build');
  process.exit(0);
}

const started = Date.now();
// Always a production build: run from a test runner (NODE_ENV=test), Vite would otherwise build React in
// development mode, and `npm start` would then serve that build as up to date.
process.env.NODE_ENV = 'production';
try {
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn' });
} catch (error) {
  console.error(`[build-client] build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(`[build-client] built dist/client in ${Date.now() - started} ms (${reason})`);
