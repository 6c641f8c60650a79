/** What `bench:cluster` prints: per deployment, the chat and collab figures; the Redis hop's cost; the targets. */
import type { ChatLoadResult } from '../chat/load-run';
import { missingPercent } from '../chat/load-run';
import { converged, type LoadResult } from '../collab/load-run';
import { reportTargets, type Target } from '../support';
import type { SideCpu } from './loads';

export interface RunShape {
  chatRooms: number;
  pupilsPerClass: number;
  intervalMs: number;
  collabRooms: number;
  collabClients: number;
  measureSeconds: number;
}

export interface DeploymentResult {
  label: string;
  nodes: number;
  redis: boolean;
  chat: { result: ChatLoadResult; side: SideCpu };
  collab: { result: LoadResult; side: SideCpu };
  /** Several nodes: the collab load with each pad's editors on different nodes. */
  spread?: { result: LoadResult; side: SideCpu };
}

const ms = (value: number | undefined): string => (value !== undefined && Number.isFinite(value) ? `${value.toFixed(1)} ms` : '—');
const signedMs = (value: number): string => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(1)} ms` : '—');
const percent = (value: number): string => `${value.toFixed(0)} %`;

function chatRow(shape: RunShape, { result, side }: DeploymentResult['chat']) {
  const refused = Object.entries(result.refused).map(([code, n]) => `${code} ${n}`).join(', ') || '0';
  return {
    sockets: result.socketsPerNode && result.socketsPerNode.length > 1 ? `${result.sockets} (${result.socketsPerNode.join('/')})` : result.sockets,
    'messages/s': Math.round(result.sent / shape.measureSeconds),
    'deliveries/s': Math.round(result.delivered / shape.measureSeconds),
    'refused': refused,
    'missing': `${result.expected - result.delivered} (${missingPercent(result).toFixed(2)} %)`,
    p50: ms(result.latency.p50),
    p95: ms(result.latency.p95),
    p99: ms(result.latency.p99),
    max: ms(result.latency.max),
    'same-node p50/p99 (n)': result.sameNode?.count ? `${ms(result.sameNode.p50)} / ${ms(result.sameNode.p99)} (${result.sameNode.count})` : '—',
    'cross-node p50/p99 (n)': result.crossNode?.count ? `${ms(result.crossNode.p50)} / ${ms(result.crossNode.p99)} (${result.crossNode.count})` : '—',
    'nodes CPU (waited)': `${percent(result.serverCpuPercent)} (${percent(result.serverCpuWaitPercent)})`,
    'nginx/Redis CPU': `${percent(side.nginxPercent)} / ${percent(side.redisPercent)}`,
    'clients CPU': percent(result.clientsCpuPercent),
  };
}

function collabRow({ result, side }: NonNullable<DeploymentResult['spread']>) {
  return {
    'edits sent': result.stampsSent,
    'deliveries/s': Math.round(result.deliveriesPerSecond),
    converged: `${result.roomsConverged}/${result.rooms}`,
    missing: result.missing,
    p50: ms(result.p50),
    p99: ms(result.p99),
    max: ms(result.max),
    'nodes CPU (waited)': `${percent(result.serverCpuPercent)} (${percent(result.serverCpuWaitPercent)})`,
    'nginx/Redis CPU': `${percent(side.nginxPercent)} / ${percent(side.redisPercent)}`,
    'clients CPU': percent(result.clientsCpuPercent),
    'clients lag p99': `${result.clientsLoopDelayP99Ms.toFixed(0)} ms`,
    closes: result.unexpectedCloses,
  };
}

/** The chat's Redis hop: the adapter on one node against none, and cross-node against same-node deliveries. */
function redisHop(results: readonly DeploymentResult[]): void {
  console.log('\nthe Redis hop (chat deliveries):');
  const alone = results.find((run) => run.nodes === 1 && !run.redis)?.chat.result.latency;
  const adapter = results.find((run) => run.nodes === 1 && run.redis)?.chat.result.latency;
  if (alone && adapter) {
    console.log(
      `  1 node with the Redis adapter against 1 node without (every emit is XADDed before the node delivers it, also to its own sockets): p50 ${signedMs(adapter.p50 - alone.p50)}, p99 ${signedMs(adapter.p99 - alone.p99)}`,
    );
  }
  for (const run of results.filter((one) => one.nodes > 1)) {
    const { sameNode, crossNode } = run.chat.result;
    if (!sameNode?.count || !crossNode?.count) continue;
    console.log(
      `  ${run.label}, cross-node against same-node deliveries in the same run (XREAD by the other node, then its delivery): p50 ${signedMs(crossNode.p50 - sameNode.p50)}, p99 ${signedMs(crossNode.p99 - sameNode.p99)}`,
    );
  }
  for (const run of results.filter((one) => one.redis)) {
    const { result, side } = run.chat;
    const perMessage = Object.entries(side.redisCalls)
      .filter(([, n]) => n >= result.sent / 10)
      .sort((a, b) => b[1] - a[1])
      .map(([command, n]) => `${command} ${(n / result.sent).toFixed(2)}`)
      .join(', ');
    console.log(`  ${run.label}: Redis commands per chat message sent (measured window): ${perMessage || 'none'}`);
  }
  for (const run of results) {
    if (!run.spread) continue;
    const note = converged(run.spread.result) ? '' : ' (not converged: the latency counts only the updates that arrived)';
    console.log(`  collab, ${run.label}: editors spread over the nodes against through nginx (a pad on one node): p50 ${signedMs(run.spread.result.p50 - run.collab.result.p50)}, p99 ${signedMs(run.spread.result.p99 - run.collab.result.p99)}${note}`);
  }
}

/** Prints the tables and the Redis hop, and sets the exit code from the targets. */
export function printReport(shape: RunShape, results: readonly DeploymentResult[]): void {
  console.log(`\nchat: send → delivery through nginx (${shape.chatRooms} rooms × ${shape.pupilsPerClass} pupils, one message each every ${shape.intervalMs / 1000} s)`);
  console.table(Object.fromEntries(results.map((run) => [run.label, chatRow(shape, run.chat)])));
  console.log(`\ncollab: stamp → peer through nginx (${shape.collabRooms} pads × ${shape.collabClients} editors)${results.some((run) => run.spread) ? '; « spread »: each pad\'s editors straight to different nodes' : ''}`);
  const collabTable: Record<string, ReturnType<typeof collabRow>> = {};
  for (const run of results) {
    collabTable[run.label] = collabRow(run.collab);
    if (run.spread) collabTable[`${run.label}, spread`] = collabRow(run.spread);
  }
  console.table(collabTable);
  redisHop(results);
  const targets: Target[] = [];
  for (const run of results) {
    const chat = run.chat.result;
    const refused = Object.values(chat.refused).reduce((sum, n) => sum + n, 0);
    targets.push({ name: `${run.label}: chat messages refused or missing a delivery`, value: chat.sent === 0 ? Number.NaN : refused + (chat.expected - chat.delivered), limit: 0, unit: '' });
    for (const [name, load] of [['collab', run.collab], ['collab spread over the nodes', run.spread]] as const) {
      if (!load) continue;
      targets.push({ name: `${run.label}: ${name}, pads not converged + updates missing`, value: load.result.stampsSent === 0 ? Number.NaN : load.result.rooms - load.result.roomsConverged + load.result.missing, limit: 0, unit: '' });
    }
  }
  reportTargets(targets);
}
