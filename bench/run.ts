/**
 * `npm run bench` (or `npm run bench -- chat wall`): runs every benchmark in turn, each in its own process so one's
 * memory does not skew another. A benchmark is a `bench/*.bench.ts` file that generates its school
 * (`bench/school/`), prints its results and its targets, and exits with code 1 when it missed one. `uptime`'s
 * load average is printed before and after each, so a reader can tell a quiet machine from a busy one. Exits
 * with code 1 when any benchmark missed a target or failed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

/** `uptime`'s line (its load average), or Node's load average where `uptime` is missing. */
function uptime(): string {
  const result = spawnSync('uptime', { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : `load average: ${loadavg().map((n) => n.toFixed(2)).join(', ')}`;
}

const outcomes: { file: string; status: string }[] = [];
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  console.log(`uptime before: ${uptime()}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' });
  console.log(`uptime after:  ${uptime()}`);
  outcomes.push({ file, status: result.status === 0 ? 'passed' : result.status === null ? `killed (${result.signal})` : `FAILED (exit code ${result.status})` });
}
console.log('\n=== summary ===');
for (const outcome of outcomes) console.log(`${outcome.file.padEnd(24)} ${outcome.status}`);
process.exit(outcomes.every((outcome) => outcome.status === 'passed') ? 0 : 1);
