/**
 * `npm start`: checks the configuration first (a bad variable prints one line and exits with code 1 before any
 * build), builds the client if it is missing or stale, then runs the server in this same process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, parseEnv } from '../server/config/load';

try {
  parseEnv(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const build = spawnSync(process.execPath, [join(import.meta.dirname, 'build-client.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

await import('../server/main');
