/**
 * `npm run bench:wall` (or `node --import tsx bench/wall.bench.ts`): the collaborative wall under class-scale load.
 *
 * A real server is started in a child process on a temporary DATA_DIR with the demo school. The director creates
 * BENCH_WALLS walls (default 30) open to the whole school; BENCH_CLIENTS clients (default 30) join each one, each
 * sending one operation per second (90 % moves, 10 % new cards) for BENCH_SECONDS (default 30). Sessions come
 * from signing in the demo accounts once each: one session may hold many sockets, so the 900 clients are 900
 * sockets of the school's pupils and teachers. Clients run in BENCH_WORKERS child processes (default 2), each
 * owning whole walls, so that the senders and receivers of one wall share a clock.
 *
 * Reported: p50/p95/p99 of operation-to-broadcast latency (from the emit to each other client of the wall
 * receiving the change), of the sender's ack, the operations per second that succeeded, and the server's CPU
 * (from /proc/<pid>/stat) and RSS (from /proc/<pid>/status). Everything runs on loopback and stops by itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { io, type Socket } from 'socket.io-client';
import type { WallCard } from '../shared/wall/types';
import { demoAccounts } from '../tests/helpers/demo';
import { Browser } from '../tests/helpers/http';
import { startServer, type TestServer } from '../tests/helpers/server';
import { raisedRateLimits } from './support';

const WALLS = Number(process.env.BENCH_WALLS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? 2));
const CARDS_PER_WALL = 12;
/** Latency histogram resolution: 0.1 ms. */
const BIN_MS = 0.1;
/**
 * Limits high enough for a few demo accounts, signing in at once from one address, to carry a whole school's load
 * (see `main`); only the names this version of the server knows are sent (it refuses unknown ones).
 */
const BENCH_RATE_LIMITS = raisedRateLimits(['signInIp', 'socketEvent', 'wallCardCreate', 'wallCardMove', 'restUser', 'restAnonymous']);

interface WallPlan {
  spaceId: string;
  cardIds: string[];
  /** The cookie of each client of this wall. */
  cookies: string[];
}
type ToWorker = { type: 'plan'; url: string; walls: WallPlan[]; seconds: number } | { type: 'start' } | { type: 'stop' };
type FromWorker =
  | { type: 'ready'; sockets: number }
  | { type: 'done'; broadcast: Record<string, number>; ack: Record<string, number>; sent: number; acked: number; failed: number; errors: Record<string, number> };

const now = (): number => performance.timeOrigin + performance.now();

/* ------------------------------------------------------------------ worker: the clients of some walls */

async function runWorker(): Promise<void> {
  const send = (message: FromWorker) => process.send!(message);
  const broadcast = new Map<number, number>();
  const ack = new Map<number, number>();
  const errors: Record<string, number> = {};
  const record = (histogram: Map<number, number>, ms: number) => {
    const bin = Math.round(ms / BIN_MS);
    histogram.set(bin, (histogram.get(bin) ?? 0) + 1);
  };
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let running = false;
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const starts: (() => void)[] = [];
  /** token → when it was sent, per wall. */
  const pending = new Map<string, number>();

  process.on('message', async (message: ToWorker) => {
    if (message.type === 'plan') {
      for (const wall of message.walls) {
        const cards = [...wall.cardIds];
        for (const cookie of wall.cookies) {
          const socket = io(message.url, { transports: ['websocket'], reconnection: false, extraHeaders: { Cookie: cookie, Origin: message.url } });
          await new Promise<void>((resolve, reject) => {
            socket.once('connect', () => resolve());
            socket.once('connect_error', reject);
          });
          const joined = (await socket.timeout(30_000).emitWithAck('space:join', { spaceId: wall.spaceId })) as { ok: boolean };
          if (!joined.ok) throw new Error('join refused');
          // Every client measures when the change reaches it, except for its own operations.
          const seen = new Set<string>();
          socket.on('wall:card', (card: WallCard) => {
            if (!running) return;
            // A move is known by the unique order it set; a new card by its unique title, the first time only.
            const moveToken = `${card.id}:${card.order}`;
            const token = pending.has(moveToken) ? moveToken : !seen.has(card.id) && card.title.startsWith('bench-') ? card.title : null;
            seen.add(card.id);
            const at = token === null ? undefined : pending.get(token);
            if (at !== undefined && (socket as Socket & { lastToken?: string }).lastToken !== token) record(broadcast, now() - at);
            if (card.title.startsWith('bench-') && !cards.includes(card.id)) cards.push(card.id);
          });
          sockets.push(socket);
          const tick = () => {
            if (!running) return;
            sent += 1;
            const started = now();
            let payload: Record<string, unknown>;
            let event: string;
            let token: string;
            if (Math.random() < 0.1) {
              token = `bench-${process.pid}-${sent}`;
              event = 'wall:card:create';
              payload = { spaceId: wall.spaceId, title: token, color: 'jaune' };
            } else {
              const cardId = cards[Math.floor(Math.random() * cards.length)]!;
              const order = Math.random() * 1e9;
              token = `${cardId}:${order}`;
              event = 'wall:card:move';
              payload = { spaceId: wall.spaceId, cardId, order, position: { x: Math.floor(Math.random() * 2000), y: Math.floor(Math.random() * 1200) } };
            }
            pending.set(token, started);
            setTimeout(() => pending.delete(token), 10_000).unref();
            (socket as Socket & { lastToken?: string }).lastToken = token;
            socket
              .timeout(10_000)
              .emitWithAck(event, payload)
              .then(
                (answer: { ok: boolean; code?: string }) => {
                  if (answer.ok) {
                    acked += 1;
                    record(ack, now() - started);
                  } else {
                    failed += 1;
                    errors[answer.code ?? '?'] = (errors[answer.code ?? '?'] ?? 0) + 1;
                  }
                },
                () => {
                  failed += 1;
                  errors.TIMEOUT = (errors.TIMEOUT ?? 0) + 1;
                },
              );
          };
          // One operation per second, each client at its own phase.
          starts.push(() => {
            const loop = (): void => {
              tick();
              if (running) timers.push(setTimeout(loop, 1_000));
            };
            timers.push(setTimeout(loop, Math.random() * 1_000));
          });
        }
      }
      send({ type: 'ready', sockets: sockets.length });
    } else if (message.type === 'start') {
      running = true;
      for (const start of starts) start();
    } else if (message.type === 'stop') {
      running = false;
      for (const timer of timers) clearTimeout(timer);
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // let in-flight acks land
      send({ type: 'done', broadcast: Object.fromEntries(broadcast), ack: Object.fromEntries(ack), sent, acked, failed, errors });
      for (const socket of sockets) socket.close();
      setTimeout(() => process.exit(0), 200);
    }
  });
}

/* ------------------------------------------------------------------ main: server, setup, report */

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
}
function rssMb(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : 0;
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

function percentiles(histogram: Map<number, number>): { count: number; p50: number; p95: number; p99: number; max: number } {
  const bins = [...histogram.entries()].sort((a, b) => a[0] - b[0]);
  const count = bins.reduce((sum, [, n]) => sum + n, 0);
  const at = (q: number) => {
    let seen = 0;
    for (const [bin, n] of bins) {
      seen += n;
      if (seen >= q * count) return bin * BIN_MS;
    }
    return 0;
  };
  return { count, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: (bins[bins.length - 1]?.[0] ?? 0) * BIN_MS };
}

async function main(): Promise<void> {
  const started = Date.now();
  let server: TestServer | undefined;
  const workers: ChildProcess[] = [];
  const deadline = setTimeout(() => {
    console.error('bench:wall took too long; stopping');
    for (const worker of workers) worker.kill('SIGKILL');
    void server?.kill().then(() => process.exit(1));
  }, (SECONDS + 150) * 1000);
  try {
    // The 900 clients are sockets of the demo school's few accounts (a real school spreads them over as many
    // people), and the director alone creates every wall's first cards: per-user limits would refuse load that
    // real users never concentrate on one account. The limits are raised, not removed: every operation still goes
    // through the limiter, whose cost is part of what is measured.
    server = await startServer({ env: { RATE_LIMITS: BENCH_RATE_LIMITS } });
    const pid = server.process.pid!;
    const accounts = demoAccounts(server.dataDir).filter((account) => account.profile === 'pupil' || account.profile === 'teacher');
    const director = demoAccounts(server.dataDir).find((account) => account.profile === 'director')!;
    const signIn = async (login: string, password: string): Promise<Browser> => {
      const browser = new Browser(server!.url);
      const answer = await browser.login(login, password);
      if (answer.status !== 200) throw new Error(`sign-in of ${login}: ${answer.status}`);
      await browser.acceptCharters();
      return browser;
    };
    const admin = await signIn(director.login, director.password);
    const browsers = await Promise.all(accounts.map((account) => signIn(account.login, account.password)));
    const cookies = browsers.map((browser) => browser.cookieHeader);
    console.log(`signed in ${browsers.length} accounts in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // The walls, open to the whole school, where everyone may move every card; a few cards to start with.
    const setupSocket = io(server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { Cookie: admin.cookieHeader, Origin: server.url } });
    await new Promise<void>((resolve, reject) => {
      setupSocket.once('connect', () => resolve());
      setupSocket.once('connect_error', reject);
    });
    const plans: WallPlan[] = [];
    for (let w = 0; w < WALLS; w += 1) {
      const created = await admin.post<{ id: string }>('/api/spaces', {
        kind: 'wall',
        title: `Mur de charge ${w + 1}`,
        scope: { kind: 'school' },
        settings: { layout: 'canvas', everyoneEdits: true },
      });
      if (created.status !== 201) throw new Error(`wall creation: ${created.status}`);
      const cardIds: string[] = [];
      for (let c = 0; c < CARDS_PER_WALL; c += 1) {
        const answer = (await setupSocket.timeout(10_000).emitWithAck('wall:card:create', { spaceId: created.body.id, title: `Carte ${c + 1}` })) as { ok: boolean; data: { card: WallCard } };
        cardIds.push(answer.data.card.id);
      }
      plans.push({ spaceId: created.body.id, cardIds, cookies: Array.from({ length: CLIENTS }, (_, i) => cookies[(w + i) % cookies.length]!) });
    }
    setupSocket.close();

    // Workers, each with whole walls.
    const readiness: Promise<number>[] = [];
    const results: Promise<Extract<FromWorker, { type: 'done' }>>[] = [];
    for (let k = 0; k < WORKERS; k += 1) {
      const worker = spawn(process.execPath, ['--import', 'tsx', import.meta.filename], { env: { ...process.env, BENCH_WALL_WORKER: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      workers.push(worker);
      readiness.push(new Promise((resolve) => worker.on('message', (m: FromWorker) => m.type === 'ready' && resolve(m.sockets))));
      results.push(new Promise((resolve) => worker.on('message', (m: FromWorker) => m.type === 'done' && resolve(m))));
      worker.send({ type: 'plan', url: server.url, walls: plans.filter((_, i) => i % WORKERS === k), seconds: SECONDS } satisfies ToWorker);
    }
    const connected = (await Promise.all(readiness)).reduce((a, b) => a + b, 0);
    console.log(`${connected} sockets joined ${WALLS} walls in ${((Date.now() - started) / 1000).toFixed(1)} s; running ${SECONDS} s at 1 op/s per client…`);

    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssMb(pid)), 1_000);
    const ticks0 = cpuTicks(pid);
    const t0 = Date.now();
    for (const worker of workers) worker.send({ type: 'start' } satisfies ToWorker);
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    const cpu = ((cpuTicks(pid) - ticks0) / CLOCK_TICKS / ((Date.now() - t0) / 1000)) * 100;
    clearInterval(sampler);
    for (const worker of workers) worker.send({ type: 'stop' } satisfies ToWorker);
    const done = await Promise.all(results);

    const merge = (key: 'broadcast' | 'ack') => {
      const histogram = new Map<number, number>();
      for (const result of done) for (const [bin, n] of Object.entries(result[key])) histogram.set(Number(bin), (histogram.get(Number(bin)) ?? 0) + n);
      return percentiles(histogram);
    };
    const broadcast = merge('broadcast');
    const acks = merge('ack');
    const sent = done.reduce((sum, r) => sum + r.sent, 0);
    const acked = done.reduce((sum, r) => sum + r.acked, 0);
    const failed = done.reduce((sum, r) => sum + r.failed, 0);
    const errors: Record<string, number> = {};
    for (const result of done) for (const [code, n] of Object.entries(result.errors)) errors[code] = (errors[code] ?? 0) + n;
    const fmt = (n: number) => n.toFixed(1).padStart(8);
    console.log('');
    console.log(`walls × clients              ${WALLS} × ${CLIENTS} = ${connected} sockets, ${SECONDS} s, ${WORKERS} client processes`);
    console.log(`operations                   ${sent} sent, ${acked} acknowledged (${(acked / SECONDS).toFixed(0)}/s), ${failed} failed ${JSON.stringify(errors)}`);
    console.log(`op → broadcast latency (ms)  p50 ${fmt(broadcast.p50)}  p95 ${fmt(broadcast.p95)}  p99 ${fmt(broadcast.p99)}  max ${fmt(broadcast.max)}  (${broadcast.count} deliveries)`);
    console.log(`op → ack latency (ms)        p50 ${fmt(acks.p50)}  p95 ${fmt(acks.p95)}  p99 ${fmt(acks.p99)}  max ${fmt(acks.max)}`);
    console.log(`server CPU                   ${cpu.toFixed(0)} % of one core (average over the run)`);
    console.log(`server RSS (MB)              start ${rss[0]?.toFixed(0)}  max ${Math.max(...rss).toFixed(0)}  end ${rss[rss.length - 1]?.toFixed(0)}`);
    console.log(`machine                      ${cpus().length} cores, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')} (the clients share it)`);
    console.log(`total time                   ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    clearTimeout(deadline);
    for (const worker of workers) if (worker.exitCode === null) worker.kill();
    await server?.stop();
    server?.cleanup();
  }
}

if (process.env.BENCH_WALL_WORKER === '1') void runWorker();
else
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
