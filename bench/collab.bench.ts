/**
 * `npm run bench collab` (or `node --import tsx bench/collab.bench.ts`): the pad's collab server.
 *
 * 1. Load: a pad with a generated 260,000-operation editing history, compacted, loaded from the embedded
 *    store (snapshot + attribution) — target under 100 ms.
 * 2. Sweep: for each size of BENCH_SWEEP (rooms, default 30,60,90,120) × C clients × E edits/s, a load run
 *    against Préau (authentication, attribution, persistence on: the real server in its own process, embedded
 *    store, on a generated school of that many classes: each room is a class's pad, each client one of its
 *    pupils with their own session, under the real per-user limits) and, in the same run, against the reference
 *    `@y/websocket-server@0.1.1` (in-memory, no auth). Measures stamp-to-peer latency (p50, p99), deliveries per
 *    second, server and load-client CPU (and the busiest client process), how long each side waited runnable for
 *    a CPU (`/proc/<pid>/schedstat`), the load clients' event-loop delay (a frame waits in the kernel meanwhile,
 *    so it counts in the latency), server RSS, and convergence.
 *    Targets: p99 ≤ 50 ms with every room converged at BENCH_P99_ROOMS (default 60) rooms; and Préau sustains
 *    (p99 < 1 s, converged) at least twice the first size at which the reference fails (not converged, or p99
 *    past 1 s) — measured at that size when the sweep does not hold it.
 *
 * Roles: this file is also the reference server (`--role=reference`) and the load clients (`--role=clients`,
 * `bench/collab/load-clients.ts`: pre-encoded stamped edits replayed at the rate, a lean WebSocket client),
 * each in its own process, so clients and servers do not share an event loop. Both servers get the same
 * clients, rooms and rate in the same run.
 *
 * Environment: BENCH_SWEEP (or BENCH_ROOMS for one size), BENCH_CLIENTS, BENCH_EDITS_PER_SECOND, BENCH_SECONDS,
 * BENCH_CLIENT_PROCESSES, BENCH_P99_ROOMS; BENCH_AWARENESS=1 sends a presence update (the caret) with each edit,
 * as the editor does; BENCH_HISTORY=0 skips the history load, BENCH_REFERENCE=0 the
 * reference. BENCH_SERVER_CPUS and BENCH_CLIENT_CPUS pin the servers and the load clients (`taskset -c` lists,
 * e.g. 1 and 0) to show which side is the limit. BENCH_CPU_PROF_DIR profiles Préau's server as `node --cpu-prof`
 * would (`collab/cpu-profile.ts`); `node --import tsx bench/collab/profile.ts <dir>` prints the heaviest
 * functions. The exit code is 1 when a target is missed.
 */
import { loadavg } from 'node:os';
import { benchHistoryLoad } from './collab/history';
import { runClients, type RoomPlan } from './collab/load-clients';
import { converged, forkRole, message, pin, runLoad, type LoadResult, type LoadSettings } from './collab/load-run';
import { runReferenceServer } from './collab/reference-server';
import { kneeVerdict, referenceKnee, requiredRooms, type SweepStep } from './collab/sweep';
import { browserOf, startBenchSchool } from './school/server';

const sizes = (process.env.BENCH_SWEEP ?? process.env.BENCH_ROOMS ?? '30,60,90,120')
  .split(',')
  .map((size) => Number(size.trim()))
  .filter((size) => Number.isInteger(size) && size > 0)
  .sort((a, b) => a - b);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 30);
const P99_ROOMS = Number(process.env.BENCH_P99_ROOMS ?? 60);
const SERVER_CPUS = process.env.BENCH_SERVER_CPUS || undefined;
const SKIP_HISTORY = process.env.BENCH_HISTORY === '0';
/** BENCH_REFERENCE=0 measures Préau alone (profiling runs; the knee is then undecided). */
const SKIP_REFERENCE = process.env.BENCH_REFERENCE === '0';
const TARGET_P99_MS = 50;
const TARGET_LOAD_MS = 100;
const settings: LoadSettings = {
  entry: import.meta.filename,
  editsPerSecond: Number(process.env.BENCH_EDITS_PER_SECOND ?? 2),
  awareness: process.env.BENCH_AWARENESS === '1',
  measureSeconds: Number(process.env.BENCH_SECONDS ?? 20),
  warmupSeconds: 4,
  clientProcesses: Number(process.env.BENCH_CLIENT_PROCESSES ?? 2),
  clientCpus: process.env.BENCH_CLIENT_CPUS || undefined,
};

/** Préau: the real server on a generated school of `roomCount` classes; each class's teacher creates its pad, its pupils are the room's clients, one session each. */
async function benchPreau(roomCount: number): Promise<LoadResult> {
  // Every client is a distinct pupil with their own session: no limit is raised (2 edits/s per pupil is within
  // `collabUpdate`, `collabMessage` and `collabWork`; each teacher creates one pad).
  const bench = await startBenchSchool({ size: { classes: roomCount, pupilsPerClass: CLIENTS } });
  try {
    const { server } = bench;
    const rooms: RoomPlan[] = [];
    for (const schoolClass of bench.school.classes.slice(0, roomCount)) {
      const teacher = browserOf(server, schoolClass.teacher);
      const pad = await teacher.post<{ id: string }>('/api/spaces', { kind: 'pad', title: `Bench ${schoolClass.name}`, scope: { kind: 'class', classId: schoolClass.id } });
      if (pad.status !== 201) throw new Error(`pad creation: ${pad.status}`);
      rooms.push({
        clients: schoolClass.pupils.slice(0, CLIENTS).map((pupil) => ({ url: `ws://127.0.0.1:${server.port}/collab/pad:${pad.body.id}`, headers: { Cookie: pupil.cookie, Origin: server.url } })),
      });
    }
    pin(server.process.pid!, SERVER_CPUS);
    return await runLoad(settings, server.process.pid!, rooms);
  } finally {
    await bench.close();
  }
}

async function benchReference(roomCount: number): Promise<LoadResult> {
  const child = forkRole(import.meta.filename, 'reference');
  try {
    const { port } = await message<{ port: number }>(child, 'listening');
    pin(child.pid!, SERVER_CPUS);
    const rooms: RoomPlan[] = Array.from({ length: roomCount }, (_, r) => ({
      clients: Array.from({ length: CLIENTS }, () => ({ url: `ws://127.0.0.1:${port}/bench-room-${r}`, headers: {} })),
    }));
    return await runLoad(settings, child.pid!, rooms);
  } finally {
    child.kill('SIGKILL');
  }
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '> 30 s');

function row(result: LoadResult) {
  return {
    'p50': ms(result.p50),
    'p99': ms(result.p99),
    'max': ms(result.max),
    'converged': `${result.roomsConverged}/${result.rooms}`,
    'missing': result.missing.toLocaleString('en'),
    'deliveries/s': Math.round(result.deliveriesPerSecond).toLocaleString('en'),
    'frames/s': Math.round(result.framesPerSecond).toLocaleString('en'),
    'server CPU': `${result.serverCpuPercent.toFixed(0)} %`,
    'waited for CPU (server/clients)': `${result.serverCpuWaitPercent.toFixed(0)}/${result.clientsCpuWaitPercent.toFixed(0)} %`,
    'server RSS': `${result.serverRssMb.toFixed(0)} MiB`,
    'clients CPU': `${result.clientsCpuPercent.toFixed(0)} % (max ${result.clientsCpuMaxPercent.toFixed(0)} %)`,
    'clients lag p99/max': `${result.clientsLoopDelayP99Ms.toFixed(0)}/${result.clientsLoopDelayMaxMs.toFixed(0)} ms`,
    'closes': result.unexpectedCloses,
    'load avg': `${result.loadBefore.toFixed(2)}→${result.loadAfter.toFixed(2)}`,
  };
}

function printSteps(steps: readonly SweepStep[]): void {
  const table: Record<string, ReturnType<typeof row>> = {};
  for (const step of steps) {
    table[`${step.rooms} × ${CLIENTS} Préau`] = row(step.preau);
    if (step.reference) table[`${step.rooms} × ${CLIENTS} reference`] = row(step.reference);
  }
  console.table(table);
}

async function main(): Promise<void> {
  pin(process.pid, settings.clientCpus);
  const pinning = settings.clientCpus || SERVER_CPUS ? `servers on CPU ${SERVER_CPUS ?? 'any'}, load clients on CPU ${settings.clientCpus ?? 'any'}` : 'not pinned';
  console.log(
    `collab benchmark, node ${process.version}: sweep ${sizes.join(', ')} rooms × ${CLIENTS} clients × ${settings.editsPerSecond} edits/s${settings.awareness ? ' (each with a presence update)' : ''}, ${settings.measureSeconds} s measured after ${settings.warmupSeconds} s warm-up, ${settings.clientProcesses} load-client processes, ${pinning}; load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}`,
  );

  let loadOk = true;
  if (SKIP_HISTORY) console.log('\nload of a pad with a long history: skipped (BENCH_HISTORY=0)');
  else {
    const history = await benchHistoryLoad();
    loadOk = history.medianMs < TARGET_LOAD_MS;
    console.log(
      `\nload of a pad with a ${history.operations.toLocaleString('en')}-operation history from its compacted snapshot (${(history.snapshotBytes / 1024).toFixed(0)} KiB, ${history.ranges} attribution ranges): median ${ms(history.medianMs)}, max ${ms(history.maxMs)} — target < ${TARGET_LOAD_MS} ms: ${loadOk ? 'PASS' : 'FAIL'}`,
    );
  }

  console.log('\nstamp-to-peer latency under load (auth + attribution + persistence on for Préau; reference: @y/websocket-server 0.1.1)');
  const steps: SweepStep[] = [];
  for (const rooms of sizes) {
    const preau = await benchPreau(rooms);
    const reference = SKIP_REFERENCE ? undefined : await benchReference(rooms);
    steps.push({ rooms, preau, reference });
    printSteps([steps[steps.length - 1]!]);
  }
  const knee = referenceKnee(steps);
  if (knee !== undefined && !steps.some((step) => step.rooms === requiredRooms(knee))) {
    console.log(`\nthe reference failed at ${knee} rooms: Préau measured at ${requiredRooms(knee)} rooms too`);
    steps.push({ rooms: requiredRooms(knee), preau: await benchPreau(requiredRooms(knee)) });
    steps.sort((a, b) => a.rooms - b.rooms);
  }
  console.log('\nsweep');
  printSteps(steps);

  const atP99 = steps.find((step) => step.rooms === P99_ROOMS)?.preau;
  const p99Ok = atP99 === undefined || (atP99.p99 <= TARGET_P99_MS && converged(atP99));
  console.log(
    atP99
      ? `target p99 at ${P99_ROOMS} × ${CLIENTS}: Préau p99 ${ms(atP99.p99)} ≤ ${TARGET_P99_MS} ms and every room converged: ${p99Ok ? 'PASS' : 'FAIL'}`
      : `target p99 at ${P99_ROOMS} × ${CLIENTS}: not measured (${P99_ROOMS} is not in BENCH_SWEEP)`,
  );
  const kneeResult = kneeVerdict(steps);
  console.log(`target knee (Préau sustains ≥ 2× the reference's first failing size, p99 < 1 s and converged): ${kneeResult.text}`);
  process.exitCode = loadOk && p99Ok && kneeResult.ok ? 0 : 1;
}

const role = process.argv.find((arg) => arg.startsWith('--role='))?.slice('--role='.length);
if (role === 'reference') await runReferenceServer();
else if (role === 'clients') await runClients();
else await main();
