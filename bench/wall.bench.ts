/**
 * `npm run bench:wall`: the collaborative wall under class-scale load, on a generated school.
 *
 * A school of BENCH_CLASSES classes × BENCH_PUPILS_PER_CLASS pupils (default 100 × 30, at least as many classes
 * as walls) is generated with one session per account (`bench/school/`), and the real server starts on it. The
 * teachers of the first BENCH_WALLS classes (default 30; 60 for the second measure of issue 14) each create
 * their class's wall, where every pupil may move every card, and its first cards; BENCH_CLIENTS pupils of the
 * class (default 30) join it, each with their own session, each sending one operation per second (90 % moves,
 * 10 % new cards) for BENCH_SECONDS (default 30). Clients run in BENCH_WORKERS child processes (default 2), each
 * owning whole walls (`wall/clients.ts`).
 *
 * Reported: p50/p95/p99 of operation-to-broadcast latency (from the emit to each other client of the wall
 * receiving the change), of the sender's ack, the operations that succeeded, and the server's CPU and RSS.
 * Targets: op→broadcast p99 ≤ BENCH_TARGET_P99_MS (100), server CPU ≤ BENCH_TARGET_CPU_PERCENT (50) % of one
 * core, at most 0.1 % of operations failed. Exit code 1 when one is missed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { WallCard } from '../shared/wall/types';
import { openSocket } from '../tests/helpers/sockets';
import { schoolSizeFromEnv } from './school/roster';
import { browserOf, startBenchSchool, type BenchSchoolServer } from './school/server';
import { machineLine, mergeHistograms, nextMessage, processUsage, reportTargets, runBenchMain, summarize } from './support';
import { runWallClients, type FromWallClients, type ToWallClients, type WallPlan } from './wall/clients';

const WALLS = Number(process.env.BENCH_WALLS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? 2));
const TARGET_P99_MS = Number(process.env.BENCH_TARGET_P99_MS ?? 100);
const TARGET_CPU_PERCENT = Number(process.env.BENCH_TARGET_CPU_PERCENT ?? 50);
/** Operations that may fail before the run says nothing about the load. */
const TARGET_FAILED_PERCENT = 0.1;
/** Cards each wall starts with, created by its teacher (within `wallCardCreate`, 20 a minute per user). */
const CARDS_PER_WALL = 12;

type Done = Extract<FromWallClients, { type: 'done' }>;

/** Each wall: its class's teacher creates it and its first cards; its clients are pupils of the class. */
async function planWalls(bench: BenchSchoolServer): Promise<WallPlan[]> {
  const { server, school } = bench;
  const plans: WallPlan[] = [];
  for (const schoolClass of school.classes.slice(0, WALLS)) {
    const teacher = browserOf(server, schoolClass.teacher);
    const created = await teacher.post<{ id: string }>('/api/spaces', {
      kind: 'wall',
      title: `Mur de la ${schoolClass.name}`,
      scope: { kind: 'class', classId: schoolClass.id },
      settings: { layout: 'canvas', everyoneEdits: true },
    });
    if (created.status !== 201) throw new Error(`wall creation: ${created.status}`);
    const socket = await openSocket(server, teacher, { origin: server.url });
    const cardIds: string[] = [];
    try {
      for (let c = 0; c < CARDS_PER_WALL; c += 1) {
        const answer = (await socket.timeout(10_000).emitWithAck('wall:card:create', { spaceId: created.body.id, title: `Carte ${c + 1}` })) as { ok: boolean; code?: string; data: { card: WallCard } };
        if (!answer.ok) throw new Error(`card creation: ${answer.code}`);
        cardIds.push(answer.data.card.id);
      }
    } finally {
      socket.close();
    }
    plans.push({ spaceId: created.body.id, cardIds, cookies: schoolClass.pupils.slice(0, CLIENTS).map((pupil) => pupil.cookie) });
  }
  return plans;
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`wall benchmark, node ${process.version}: ${WALLS} walls × ${CLIENTS} clients × 1 op/s, ${SECONDS} s, clients in ${WORKERS} processes`);
  console.log(`machine: ${machineLine()}`);
  // Every client is a distinct pupil with their own session: no limit is raised (1 op/s per pupil is within
  // `wallCardMove`, `wallCardCreate` and `socketEvent`; each teacher creates one wall and its 12 cards).
  const bench = await startBenchSchool({ size: schoolSizeFromEnv({ classes: WALLS, pupilsPerClass: CLIENTS }) });
  const workers: ChildProcess[] = [];
  const deadline = setTimeout(() => {
    console.error('bench:wall took too long; stopping');
    for (const worker of workers) worker.kill('SIGKILL');
    void bench.server.kill().then(() => process.exit(1));
  }, (SECONDS + 300) * 1000);
  try {
    const pid = bench.server.process.pid!;
    const plans = await planWalls(bench);

    const readiness: Promise<{ sockets: number }>[] = [];
    const results: Promise<Done>[] = [];
    for (let k = 0; k < WORKERS; k += 1) {
      const worker = fork(import.meta.filename, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_WALL_WORKER: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      workers.push(worker);
      readiness.push(nextMessage(worker, 'ready'));
      results.push(nextMessage(worker, 'done'));
      worker.send({ type: 'plan', url: bench.server.url, walls: plans.filter((_, i) => i % WORKERS === k) } satisfies ToWallClients);
    }
    const connected = (await Promise.all(readiness)).reduce((sum, ready) => sum + ready.sockets, 0);
    console.log(`${connected} pupils joined ${WALLS} walls in ${((Date.now() - started) / 1000).toFixed(1)} s; running ${SECONDS} s at 1 op/s per client…`);

    const before = processUsage(pid);
    let rssMax = before.rssMb;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, processUsage(pid).rssMb)), 1_000);
    const t0 = performance.now();
    for (const worker of workers) worker.send({ type: 'start' } satisfies ToWallClients);
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    const after = processUsage(pid);
    const cpu = ((after.cpuSeconds - before.cpuSeconds) / ((performance.now() - t0) / 1000)) * 100;
    clearInterval(sampler);
    for (const worker of workers) worker.send({ type: 'stop' } satisfies ToWallClients);
    const done = await Promise.all(results);

    const broadcast = summarize(mergeHistograms(done.map((result) => result.broadcast)));
    const acks = summarize(mergeHistograms(done.map((result) => result.ack)));
    const total = (key: 'sent' | 'acked' | 'failed') => done.reduce((sum, result) => sum + result[key], 0);
    const errors: Record<string, number> = {};
    for (const result of done) for (const [code, n] of Object.entries(result.errors)) errors[code] = (errors[code] ?? 0) + n;
    const fmt = (n: number) => n.toFixed(1).padStart(8);
    console.log('');
    console.log(`walls × clients              ${WALLS} × ${CLIENTS} = ${connected} pupils (one session each), ${SECONDS} s, ${WORKERS} client processes`);
    console.log(`operations                   ${total('sent')} sent, ${total('acked')} acknowledged (${(total('acked') / SECONDS).toFixed(0)}/s), ${total('failed')} failed ${JSON.stringify(errors)}`);
    console.log(`op → broadcast latency (ms)  p50 ${fmt(broadcast.p50)}  p95 ${fmt(broadcast.p95)}  p99 ${fmt(broadcast.p99)}  max ${fmt(broadcast.max)}  (${broadcast.count} deliveries)`);
    console.log(`op → ack latency (ms)        p50 ${fmt(acks.p50)}  p95 ${fmt(acks.p95)}  p99 ${fmt(acks.p99)}  max ${fmt(acks.max)}`);
    console.log(`server CPU                   ${cpu.toFixed(0)} % of one core (average over the run)`);
    console.log(`server RSS (MB)              start ${before.rssMb.toFixed(0)}  max ${rssMax.toFixed(0)}  end ${after.rssMb.toFixed(0)}`);
    console.log(`machine after the run        ${machineLine()} (the clients share it)`);
    console.log(`total time                   ${((Date.now() - started) / 1000).toFixed(1)} s`);
    reportTargets([
      { name: 'wall op→broadcast p99', value: broadcast.p99, limit: TARGET_P99_MS, unit: 'ms' },
      { name: 'wall server CPU', value: cpu, limit: TARGET_CPU_PERCENT, unit: '% of one core' },
      { name: 'wall operations failed', value: total('sent') === 0 ? Number.NaN : (100 * total('failed')) / total('sent'), limit: TARGET_FAILED_PERCENT, unit: '%' },
    ]);
  } finally {
    clearTimeout(deadline);
    for (const worker of workers) if (worker.exitCode === null) worker.kill();
    await bench.close();
  }
}

if (process.env.BENCH_WALL_WORKER === '1') runWallClients();
else await runBenchMain(main);
