/**
 * The two loads of `bench:cluster` on one deployment, both with the load clients of `bench:chat` and
 * `bench:collab` (`chat/load-run.ts`, `collab/load-run.ts`), every client through nginx:
 * - chat: each of the first `rooms` classes' teacher opens the class's chat room, every pupil joins it with their
 *   own session and sends one message every interval; each socket's node is found, so every delivery is counted
 *   as same-node or cross-node;
 * - collab: each of the first `rooms` classes' teacher creates a pad, `clients` of its pupils edit it. Through
 *   nginx (`/collab/<doc>` by consistent hash: a pad's editors share a node), or, « spread », each editor of a pad
 *   connected straight to another node in turn, so that the pad's updates must cross nodes to converge.
 */
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import type { ChatRoomSummary } from '../../shared/chat/types';
import type { ChatRoomPlan } from '../chat/clients';
import { runChatLoad, type ChatLoadResult } from '../chat/load-run';
import { runLoad, type LoadResult, type LoadSettings } from '../collab/load-run';
import type { RoomPlan } from '../collab/load-clients';
import type { BenchSchool } from '../school/generate';
import { browserOf } from '../school/server';
import type { BenchDeployment } from './deployment';

export interface ChatLoadShape {
  rooms: number;
  intervalMs: number;
  measureSeconds: number;
  workers: number;
  forkClients: () => ChildProcess;
}

export interface CollabLoadShape {
  rooms: number;
  clients: number;
  settings: LoadSettings;
}

/** What Redis and nginx used over one load (CPU seconds per second of the load, in % of one core), and the commands Redis ran. */
export interface SideCpu {
  nginxPercent: number;
  redisPercent: number;
  /** Chat: calls per Redis command over the measured window (`INFO commandstats`); without Redis, or collab: empty. */
  redisCalls: Record<string, number>;
}

/** Calls so far per command (`cmdstat_xadd:calls=12,…` lines of `INFO commandstats`). */
async function commandCalls(redis: Redis | undefined): Promise<Record<string, number>> {
  if (!redis) return {};
  const calls: Record<string, number> = {};
  for (const match of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[match[1]!] = Number(match[2]);
  return calls;
}

async function withSideCpu<T>(deployment: BenchDeployment, run: (window: (edge: 'open' | 'close') => Promise<void>) => Promise<T>): Promise<{ result: T; side: SideCpu }> {
  const redis = deployment.redis ? new Redis(deployment.redis.url, { connectionName: 'bench:cluster' }) : undefined;
  try {
    let opened: Record<string, number> = {};
    const redisCalls: Record<string, number> = {};
    const window = async (edge: 'open' | 'close'): Promise<void> => {
      const calls = await commandCalls(redis);
      if (edge === 'open') opened = calls;
      else for (const [command, n] of Object.entries(calls)) redisCalls[command] = n - (opened[command] ?? 0);
    };
    const before = deployment.sideCpuSeconds();
    const from = performance.now();
    const result = await run(window);
    const seconds = (performance.now() - from) / 1000;
    const after = deployment.sideCpuSeconds();
    return { result, side: { nginxPercent: ((after.nginx - before.nginx) / seconds) * 100, redisPercent: ((after.redis - before.redis) / seconds) * 100, redisCalls } };
  } finally {
    redis?.disconnect();
  }
}

/** The chat load through nginx; every socket placed on its node. */
export async function clusterChat(deployment: BenchDeployment, school: BenchSchool, shape: ChatLoadShape): Promise<{ result: ChatLoadResult; side: SideCpu }> {
  const rooms: ChatRoomPlan[] = [];
  for (const schoolClass of school.classes.slice(0, shape.rooms)) {
    const opened = await browserOf(deployment, schoolClass.teacher).post<ChatRoomSummary>(`/api/chat/classes/${schoolClass.id}/room`);
    if (opened.status !== 201 && opened.status !== 200) throw new Error(`opening the room of ${schoolClass.name}: ${opened.status}`);
    rooms.push({ roomId: opened.body.id, members: schoolClass.pupils.map((pupil) => ({ cookie: pupil.cookie })) });
  }
  return withSideCpu(deployment, (window) =>
    runChatLoad({
      window,
      forkClients: shape.forkClients,
      workers: shape.workers,
      intervalMs: shape.intervalMs,
      measureSeconds: shape.measureSeconds,
      serverPids: deployment.nodePids,
      url: deployment.url,
      rooms,
      nodes: deployment.nodeUrls,
    }),
  );
}

/** The collab load: through nginx, or spread (each editor straight to a node in turn). */
export async function clusterCollab(
  deployment: BenchDeployment,
  school: BenchSchool,
  shape: CollabLoadShape,
  spread: boolean,
): Promise<{ result: LoadResult; side: SideCpu }> {
  const rooms: RoomPlan[] = [];
  const classes = school.classes.slice(0, shape.rooms);
  for (const [r, schoolClass] of classes.entries()) {
    const pad = await browserOf(deployment, schoolClass.teacher).post<{ id: string }>('/api/spaces', {
      kind: 'pad',
      title: `Bench ${schoolClass.name}${spread ? ' (spread)' : ''}`,
      scope: { kind: 'class', classId: schoolClass.id },
    });
    if (pad.status !== 201) throw new Error(`pad creation: ${pad.status}`);
    rooms.push({
      clients: schoolClass.pupils.slice(0, shape.clients).map((pupil, i) => {
        const base = spread ? deployment.nodeUrls[(r + i) % deployment.nodeUrls.length]! : deployment.url;
        // The Origin is the public one (nginx's) either way: the page the editor runs in is served there.
        return { url: `${base.replace(/^http/, 'ws')}/collab/pad:${pad.body.id}`, headers: { Cookie: pupil.cookie, Origin: deployment.url } };
      }),
    });
  }
  return withSideCpu(deployment, () => runLoad(shape.settings, deployment.nodePids, rooms));
}
