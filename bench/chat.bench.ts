/**
 * `npm run bench:chat`: live chat at class scale, with a plain Socket.IO relay measured in the same run.
 *
 * A school of BENCH_CLASSES classes × BENCH_PUPILS_PER_CLASS pupils (default 100 × 30) is generated with one
 * session per account (`bench/school/`), and the real server starts on it. Each class's teacher opens the class's
 * chat room (the first BENCH_ROOMS classes, default 100); every pupil of the room connects with their own session
 * and sends one message every BENCH_INTERVAL_SECONDS (default 5): 3,000 pupils make about 600 messages/s and
 * 18,000 deliveries/s, with authentication, validation, flood control, persistence and audit on, at the real
 * per-user limits. Then the same clients, rooms and rate run against a plain Socket.IO relay (`chat/relay-server.ts`).
 * Clients run in BENCH_WORKERS child processes (default 2), so each server's CPU is measured alone.
 *
 * Reported per server: send→delivery latency p50/p95/p99/max over every delivery of a message sent in the
 * measured BENCH_SECONDS (default 30, after one interval of warm-up), messages refused, deliveries missing, the
 * server's CPU and RSS, the clients' CPU. Targets: Préau's p99 ≤ BENCH_TARGET_P99_MS (50), Préau's CPU ≤
 * BENCH_TARGET_CPU_RATIO (2) × the relay's, and at most 0.1 % of deliveries missing. Exit code 1 when one is missed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ChatRoomSummary } from '../shared/chat/types';
import { runChatClients, type ChatRoomPlan } from './chat/clients';
import { missingPercent, runChatLoad, type ChatLoadResult } from './chat/load-run';
import { runRelayServer } from './chat/relay-server';
import { schoolSizeFromEnv, type SchoolSize } from './school/roster';
import { browserOf, startBenchSchool } from './school/server';
import { benchRole, machineLine, nextMessage, reportTargets, runBenchMain } from './support';

const ROOMS = Number(process.env.BENCH_ROOMS ?? 100);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_SECONDS ?? 5) * 1000;
const MEASURE_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? 2));
const TARGET_P99_MS = Number(process.env.BENCH_TARGET_P99_MS ?? 50);
const TARGET_CPU_RATIO = Number(process.env.BENCH_TARGET_CPU_RATIO ?? 2);
/** Deliveries that may go missing (a refused or lost message) before the run says nothing about the load. */
const TARGET_MISSING_PERCENT = 0.1;

type LoadResult = ChatLoadResult;

function forkRole(role: string): ChildProcess {
  return fork(import.meta.filename, [`--role=${role}`], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Runs the load against one server (by its pid and URL) and measures it. */
function runLoad(serverPid: number, url: string, rooms: ChatRoomPlan[]): Promise<LoadResult> {
  return runChatLoad({ forkClients: () => forkRole('clients'), workers: WORKERS, intervalMs: INTERVAL_MS, measureSeconds: MEASURE_SECONDS, serverPids: [serverPid], url, rooms });
}

async function benchPreau(size: SchoolSize): Promise<LoadResult> {
  // Every pupil is a distinct user with their own session: no limit is raised (one message every 5 s is far
  // below `chatWrite` and `socketEvent`; each teacher opens one room).
  const bench = await startBenchSchool({ size });
  try {
    const rooms: ChatRoomPlan[] = [];
    for (const schoolClass of bench.school.classes.slice(0, ROOMS)) {
      const opened = await browserOf(bench.server, schoolClass.teacher).post<ChatRoomSummary>(`/api/chat/classes/${schoolClass.id}/room`);
      if (opened.status !== 201 && opened.status !== 200) throw new Error(`opening the room of ${schoolClass.name}: ${opened.status}`);
      rooms.push({ roomId: opened.body.id, members: schoolClass.pupils.map((pupil) => ({ cookie: pupil.cookie })) });
    }
    return await runLoad(bench.server.process.pid!, bench.server.url, rooms);
  } finally {
    await bench.close();
  }
}

async function benchRelay(pupilsPerRoom: number): Promise<LoadResult> {
  const relay = forkRole('relay');
  try {
    const { port } = await nextMessage<{ port: number }>(relay, 'listening');
    const rooms: ChatRoomPlan[] = Array.from({ length: ROOMS }, (_, r) => ({ roomId: `room-${r}`, members: Array.from({ length: pupilsPerRoom }, () => ({ cookie: null })) }));
    return await runLoad(relay.pid!, `http://127.0.0.1:${port}`, rooms);
  } finally {
    relay.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  const size = schoolSizeFromEnv({ classes: ROOMS });
  const pupils = ROOMS * size.pupilsPerClass;
  console.log(
    `chat benchmark, node ${process.version}: ${ROOMS} class rooms × ${size.pupilsPerClass} pupils = ${pupils} pupils, one message each every ${INTERVAL_MS / 1000} s ` +
      `(~${Math.round(pupils / (INTERVAL_MS / 1000))} messages/s, ~${Math.round((pupils * size.pupilsPerClass) / (INTERVAL_MS / 1000))} deliveries/s), ` +
      `${MEASURE_SECONDS} s measured after ${INTERVAL_MS / 1000} s of warm-up, clients in ${WORKERS} processes`,
  );
  console.log(`machine: ${machineLine()}`);
  const preau = await benchPreau(size);
  const relay = await benchRelay(size.pupilsPerClass);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const row = (result: LoadResult) => ({
    sockets: result.sockets,
    'messages sent': result.sent,
    acknowledged: result.acked,
    refused: Object.entries(result.refused).map(([code, n]) => `${code} ${n}`).join(', ') || '0',
    'messages/s': Math.round(result.sent / MEASURE_SECONDS),
    'deliveries/s': Math.round(result.delivered / MEASURE_SECONDS),
    'missing deliveries': `${result.expected - result.delivered} (${missingPercent(result).toFixed(2)} %)`,
    p50: ms(result.latency.p50),
    p95: ms(result.latency.p95),
    p99: ms(result.latency.p99),
    max: ms(result.latency.max),
    'server CPU': `${result.serverCpuPercent.toFixed(0)} % of one core`,
    'server RSS (max)': `${result.serverRssMb.toFixed(0)} MiB`,
    'clients CPU': `${result.clientsCpuPercent.toFixed(0)} %`,
  });
  console.log('\nsend → delivery latency (Préau: authentication, validation, flood control, persistence and audit on)');
  console.table({ Préau: row(preau), 'Socket.IO relay': row(relay) });
  const cpuRatio = preau.serverCpuPercent / relay.serverCpuPercent;
  console.log(`Préau / relay: CPU ×${cpuRatio.toFixed(2)}, p99 ×${(preau.latency.p99 / relay.latency.p99).toFixed(2)}`);
  console.log(`machine after the run: ${machineLine()}`);
  reportTargets([
    { name: 'chat p99 send→delivery', value: preau.latency.p99, limit: TARGET_P99_MS, unit: 'ms' },
    { name: 'chat server CPU relative to the Socket.IO relay', value: cpuRatio, limit: TARGET_CPU_RATIO, unit: '×' },
    { name: 'chat deliveries missing (refused or lost messages)', value: missingPercent(preau), limit: TARGET_MISSING_PERCENT, unit: '%' },
  ]);
}

const role = benchRole();
if (role === 'relay') runRelayServer();
else if (role === 'clients') runChatClients();
else await runBenchMain(main);
