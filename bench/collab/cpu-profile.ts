/**
 * Preloaded into Préau's server by `bench/collab.bench.ts` when BENCH_CPU_PROF_DIR is set (through NODE_OPTIONS,
 * which refuses `--cpu-prof` itself on Node 20): profiles the whole process with the inspector and writes a
 * `.cpuprofile` into that directory when the process exits, as `node --cpu-prof --cpu-prof-dir` would.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  // node --cpu-prof samples every 1 ms by default.
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.once('exit', () => {
    // An in-process session answers synchronously, so the profile is written before the process ends.
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `preau-${process.pid}-${Date.now()}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
