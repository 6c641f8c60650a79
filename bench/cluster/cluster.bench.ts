/**
 * `npm run bench:cluster`: the chat and collab loads of `bench:chat` and `bench:collab`, through nginx
 * (`deploy/nginx.conf`) to 1 node and to 3 nodes in the same run, on one generated school (one embedded store
 * shared by the nodes), to measure what scaling out costs per delivery and whether it stays correct under load.
 * On a 2-core machine throughput cannot grow with nodes: the nodes, nginx, Redis and the load clients share it.
 *
 * Deployments, in turn, each on a fresh copy of the same school (BENCH_CLUSTER_RUNS, default `1,1+redis,3+redis`):
 * - `1`: one node, no REDIS_URL (Préau as one process), behind nginx;
 * - `1+redis`: one node with REDIS_URL (the Socket.IO Redis Streams adapter): every room emit first goes
 *   through Redis (XADD) before the node delivers it, even to its own sockets;
 * - `3+redis`: three nodes on one Redis. nginx spreads the sockets by session cookie, so a chat room's members sit
 *   on every node: each socket's node is found (`placement.ts`) and each delivery is counted as same-node (the
 *   sender's socket on the receiver's node) or cross-node (through the Redis stream to another node).
 * The Redis hop's cost is reported both ways: `1+redis` against `1` (the adapter on the emit path), and cross-node
 * against same-node deliveries in the `3+redis` run (the hop itself, same run, same load).
 *
 * Loads (defaults chosen so that one node holds them on this machine with the load clients beside it, see
 * `/work/notes/s24-bench-cluster.md`): chat, BENCH_CHAT_ROOMS (20) class rooms × BENCH_PUPILS_PER_CLASS (30) pupils,
 * one message each every BENCH_INTERVAL_SECONDS (5): 600 sockets, 120 messages/s, 3,600 deliveries/s; collab,
 * BENCH_COLLAB_ROOMS (20) pads × BENCH_COLLAB_CLIENTS (10) editors × BENCH_EDITS_PER_SECOND (2): 400 updates/s,
 * 3,600 deliveries/s. Each measured BENCH_SECONDS (15) after its warm-up. With several nodes, the collab load runs
 * a second time « spread » (BENCH_COLLAB_SPREAD=0 skips it): each pad's editors connected straight to different
 * nodes, so the pad converges only if its updates cross nodes.
 *
 * BENCH_NICE (e.g. -10, as root) runs the benchmark, and so every process it starts (Redis, nodes, nginx, load
 * clients inherit it), at that niceness: on a machine shared with other work, the figures then show what the
 * deployment costs rather than how long its processes waited for a core (the nodes' wait is reported either way).
 *
 * Targets (exit code 1 when one is missed): no chat message refused or missing a delivery, and every pad converged
 * with every update delivered, in every deployment (spread included).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChatClients } from '../chat/clients';
import type { LoadSettings } from '../collab/load-run';
import { runClients } from '../collab/load-clients';
import { generateBenchSchoolDir } from '../school/server';
import { benchRole, machineLine, runBenchMain } from '../support';
import { cleanUpOnInterrupt, startDeployment } from './deployment';
import { clusterChat, clusterCollab } from './loads';
import { printReport, type DeploymentResult, type RunShape } from './report';

const integer = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got ${process.env[name]})`);
  return value;
};

const runs = (process.env.BENCH_CLUSTER_RUNS ?? '1,1+redis,3+redis').split(',').map((run) => {
  const match = /^\s*(\d+)(\+redis)?\s*$/.exec(run);
  if (!match || Number(match[1]) < 1) throw new Error(`BENCH_CLUSTER_RUNS: « ${run} » is not N or N+redis`);
  const nodes = Number(match[1]);
  if (nodes > 1 && !match[2]) throw new Error(`BENCH_CLUSTER_RUNS: ${nodes} nodes need Redis (${nodes}+redis)`);
  return { nodes, redis: match[2] !== undefined };
});

const shape: RunShape = {
  chatRooms: integer('BENCH_CHAT_ROOMS', 20),
  pupilsPerClass: integer('BENCH_PUPILS_PER_CLASS', 30),
  intervalMs: integer('BENCH_INTERVAL_SECONDS', 5) * 1000,
  collabRooms: integer('BENCH_COLLAB_ROOMS', 20),
  collabClients: integer('BENCH_COLLAB_CLIENTS', 10),
  measureSeconds: integer('BENCH_SECONDS', 15),
};
const WORKERS = integer('BENCH_WORKERS', 2);
const SPREAD = process.env.BENCH_COLLAB_SPREAD !== '0';
const NICE = process.env.BENCH_NICE ? Number(process.env.BENCH_NICE) : undefined;
const collabSettings: LoadSettings = {
  entry: import.meta.filename,
  editsPerSecond: integer('BENCH_EDITS_PER_SECOND', 2),
  awareness: false,
  warmupSeconds: 4,
  measureSeconds: shape.measureSeconds,
  clientProcesses: WORKERS,
  clientCpus: undefined,
};

function forkChatClients(): ChildProcess {
  return fork(import.meta.filename, ['--role=chat-clients'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

async function main(): Promise<void> {
  if (shape.collabClients > shape.pupilsPerClass) throw new Error('BENCH_COLLAB_CLIENTS must not exceed BENCH_PUPILS_PER_CLASS');
  if (NICE !== undefined) {
    if (!Number.isInteger(NICE) || NICE < -20 || NICE > 19) throw new Error(`BENCH_NICE must be an integer from -20 to 19 (got ${process.env.BENCH_NICE})`);
    setPriority(NICE);
  }
  const chatSockets = shape.chatRooms * shape.pupilsPerClass;
  console.log(
    `cluster benchmark, node ${process.version}: deployments ${runs.map((run) => `${run.nodes} node${run.nodes > 1 ? 's' : ''}${run.redis ? ' + Redis' : ''}`).join(', ')}, every client through nginx${NICE === undefined ? '' : `, at niceness ${NICE}`}; ` +
      `chat ${shape.chatRooms} rooms × ${shape.pupilsPerClass} pupils = ${chatSockets} sockets, one message each every ${shape.intervalMs / 1000} s (~${Math.round(chatSockets / (shape.intervalMs / 1000))} messages/s); ` +
      `collab ${shape.collabRooms} pads × ${shape.collabClients} editors × ${collabSettings.editsPerSecond} edits/s; ${shape.measureSeconds} s measured per load, load clients in ${WORKERS} processes`,
  );
  console.log(`machine: ${machineLine()}`);
  // One school, generated once; each deployment starts on its own copy (nothing one run wrote is seen by the next).
  const template = await generateBenchSchoolDir({ classes: Math.max(shape.chatRooms, shape.collabRooms), pupilsPerClass: shape.pupilsPerClass });
  const templateGuard = cleanUpOnInterrupt(template.remove);
  const results: DeploymentResult[] = [];
  try {
    for (const run of runs) {
      const dataDir = mkdtempSync(join(tmpdir(), 'preau-bench-cluster-'));
      const removeDataDir = (): void => rmSync(dataDir, { recursive: true, force: true });
      const dataDirGuard = cleanUpOnInterrupt(removeDataDir);
      try {
        cpSync(template.dataDir, dataDir, { recursive: true });
        const label = `${run.nodes} node${run.nodes > 1 ? 's' : ''}${run.redis ? ' + Redis' : ', no Redis'}`;
        console.log(`\n--- ${label} (machine: ${machineLine()})`);
        const deployment = await startDeployment({ nodes: run.nodes, redis: run.redis, dataDir });
        try {
          const chat = await clusterChat(deployment, template.school, {
            rooms: shape.chatRooms,
            intervalMs: shape.intervalMs,
            measureSeconds: shape.measureSeconds,
            workers: WORKERS,
            forkClients: forkChatClients,
          });
          const collab = await clusterCollab(deployment, template.school, { rooms: shape.collabRooms, clients: shape.collabClients, settings: collabSettings }, false);
          const spread =
            SPREAD && run.nodes > 1
              ? await clusterCollab(deployment, template.school, { rooms: shape.collabRooms, clients: shape.collabClients, settings: collabSettings }, true)
              : undefined;
          results.push({ label, nodes: run.nodes, redis: run.redis, chat, collab, ...(spread ? { spread } : {}) });
        } finally {
          await deployment.stop();
        }
      } finally {
        dataDirGuard.forget();
        removeDataDir();
      }
    }
  } finally {
    templateGuard.forget();
    template.remove();
  }
  console.log(`\nmachine after the run: ${machineLine()}`);
  printReport(shape, results);
}

const role = benchRole();
if (role === 'chat-clients') runChatClients();
else if (role === 'clients') await runClients();
else await runBenchMain(main);
