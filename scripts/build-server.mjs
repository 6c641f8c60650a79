#!/usr/bin/env node
// Compiles the server to plain JavaScript, so production runs it without a TypeScript loader:
//   dist/server/main.js          the process entry (server/main.ts): `node dist/server/main.js`
//   dist/server/audit-verify.js  the audit chain verifier (scripts/audit-verify.ts): `npm run audit:verify`'s
//                                code, run as `node dist/server/audit-verify.js` where the sources are absent
// Our code (server/, collab/, shared/) is bundled by esbuild; every package of node_modules stays an import, so
// the native ones (better-sqlite3, argon2, sharp) load as installed. At run time the bundle finds the
// application's root (package.json, dist/client) by walking up from itself (server/config/paths.ts).
// Usage: node scripts/build-server.mjs [--outdir <dir>]   (default: dist/server)
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg >= 0 && process.argv[outdirArg + 1] ? resolve(process.argv[outdirArg + 1]) : join(repoRoot, 'dist', 'server');

rmSync(outdir, { recursive: true, force: true });
const started = Date.now();
const result = await build({
  absWorkingDir: repoRoot,
  entryPoints: { main: 'server/main.ts', 'audit-verify': 'scripts/audit-verify.ts' },
  outdir,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: join(repoRoot, 'tsconfig.json'),
  // Stack traces point into the sources with NODE_OPTIONS=--enable-source-maps.
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// The bundle is ESM whatever package.json sits above it.
writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
const size = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
console.log(`build-server: ${outputs.length} files, ${(size / 1024).toFixed(0)} KiB in ${outdir} (${Date.now() - started} ms)`);
