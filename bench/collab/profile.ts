/**
 * `node --import tsx bench/collab/profile.ts <file.cpuprofile | dir> [top]`: the heaviest functions of a V8 CPU
 * profile (as written by `node --cpu-prof`, e.g. under BENCH_CPU_PROF_DIR), by self time and by total time (a
 * function counted once per sample however deep it recurses), in % of the time looked at. A directory means
 * its newest profile. `--from=S --to=S` (seconds since the profile started) look at a window only: the load,
 * without the server's start (seeding, sign-ins) or its shutdown.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function newestProfile(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => join(path, file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files.length === 0) throw new Error(`no .cpuprofile in ${path}`);
  return files[0]!;
}

const root = process.cwd();
function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (!url) return functionName || '(anonymous)';
  const file = url.startsWith('file://') ? relative(root, new URL(url).pathname).replace(/^node_modules\//, '') : url;
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

/** Self and total microseconds per function label, for the samples between `from` and `to` (µs since the start). */
export function summarise(profile: Profile, from = 0, to = Infinity): { self: Map<string, number>; total: Map<string, number>; duration: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let at = 0;
  let duration = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    // The delta after a sample is the time spent in it (the last one has none).
    const micros = profile.timeDeltas[i + 1] ?? 0;
    duration += micros;
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + micros);
    const seen = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const name = label(byId.get(up)!);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + micros);
    }
  });
  return { self, total, duration };
}

/** The share of each second of the profile spent not idle (to find the load's window). */
function timeline(profile: Profile): number[] {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  const seconds: number[] = [];
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const second = Math.floor(at / 1e6);
    seconds[second] ??= 0;
    if (!idle.has(id)) seconds[second] += (profile.timeDeltas[i + 1] ?? 0) / 1e4;
  });
  return Array.from(seconds, (value) => Math.round(value ?? 0));
}

function print(title: string, values: Map<string, number>, duration: number, top: number): void {
  console.log(`\n${title}`);
  const sorted = [...values].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, micros] of sorted) console.log(`${((micros / duration) * 100).toFixed(1).padStart(6)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
}

if (import.meta.filename === process.argv[1]) {
  // Piped into `head`: stop quietly when the reader is gone.
  process.stdout.on('error', () => process.exit(0));
  const option = (name: string): number | undefined => {
    const value = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
    return value === undefined ? undefined : Number(value) * 1e6;
  };
  const [path, count] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const file = newestProfile(path ?? '.');
  const top = Number(count ?? 30);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const { self, total, duration } = summarise(profile, option('from'), option('to'));
  const busy = duration - (self.get('(idle)') ?? 0);
  console.log(`${file}: ${(duration / 1e6).toFixed(1)} s looked at (of ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s), ${((busy / duration) * 100).toFixed(0)} % not idle`);
  if (process.argv.includes('--timeline')) console.log(`busy % per second: ${timeline(profile).join(' ')}`);
  print('self time', self, duration, top);
  print('total time (root and idle excluded)', new Map([...total].filter(([name]) => name !== '(root)' && name !== '(idle)')), duration, top);
}
