/**
 * Moderation reach: `npm run bench:moderation`, on a generated school (`bench/school/`). The director opens a
 * school-wide chat room; BENCH_VIEWERS pupils (default 500), each with their own session, view it; the director
 * hides a pupil's messages one at a time (BENCH_ACTIONS, default 20) through the moderation console, and every
 * viewer records when the hidden state reached it. Reports p50/p95/p99/max of hide-to-viewer latency over all
 * deliveries, and the server's CPU and RSS. Target: p95 < BENCH_TARGET_P95_MS (1,000 ms; aim far lower); exit
 * code 1 when missed.
 */
import type { Socket } from 'socket.io-client';
import type { ChatMessageView, ChatRoomSummary } from '../shared/chat/types';
import type { Ack } from '../shared/realtime/ack';
import { openSocket } from '../tests/helpers/sockets';
import { schoolSizeFromEnv } from './school/roster';
import { browserOf, startBenchSchool } from './school/server';
import { machineLine, percentile, preciseNow, processUsage, reportTargets, runBenchMain } from './support';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 500);
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 20);
const TARGET_P95_MS = Number(process.env.BENCH_TARGET_P95_MS ?? 1_000);

function emit<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

function ok<T>(answer: Ack<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`);
  return answer.data;
}

async function main(): Promise<void> {
  console.log(`moderation benchmark, node ${process.version}; machine: ${machineLine()}`);
  const size = schoolSizeFromEnv();
  // One more pupil than viewers: the author. Every viewer is a distinct pupil: no limit is raised.
  const bench = await startBenchSchool({ size: { ...size, classes: Math.max(size.classes, Math.ceil((VIEWERS + 1) / size.pupilsPerClass)) } });
  const { server, school } = bench;
  const pid = server.process.pid!;
  try {
    const director = browserOf(server, school.director);
    const created = await director.post<ChatRoomSummary>('/api/spaces', { kind: 'chat', title: 'Salon du collège', scope: { kind: 'school' } });
    if (created.status !== 201) throw new Error(`room creation failed: ${created.status}`);
    const room = created.body;
    const [authorAccount, ...pupils] = school.classes.flatMap((schoolClass) => schoolClass.pupils);
    const viewers: Socket[] = [];
    for (let i = 0; i < VIEWERS; i += 50) {
      const batch = await Promise.all(
        pupils.slice(i, Math.min(VIEWERS, i + 50)).map(async (pupil) => {
          const socket = await openSocket(server, browserOf(server, pupil), { origin: server.url });
          ok(await emit(socket, 'space:join', { spaceId: room.id }));
          return socket;
        }),
      );
      viewers.push(...batch);
    }
    const author = await openSocket(server, browserOf(server, authorAccount!), { origin: server.url });
    ok(await emit(author, 'space:join', { spaceId: room.id }));
    const moderator = await openSocket(server, director, { origin: server.url });

    const latencies: number[] = [];
    const before = processUsage(pid);
    let rssMax = before.rssMb;
    for (let i = 0; i < ACTIONS; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250)); // under the chat's flood control
      const message = ok(await emit<{ message: ChatMessageView }>(author, 'chat:send', { roomId: room.id, key: crypto.randomUUID(), body: `message ${i}` })).message;
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the new message settle everywhere
      const arrivals = viewers.map(
        (socket) =>
          new Promise<number>((resolve) => {
            const listener = (update: ChatMessageView) => {
              if (update.id !== message.id || update.status !== 'hidden') return;
              socket.off('chat:updated', listener);
              resolve(preciseNow());
            };
            socket.on('chat:updated', listener);
          }),
      );
      const sentAt = preciseNow();
      ok(await emit(moderator, 'moderation:act', { kind: 'chatMessage', itemId: message.id, spaceId: room.id, action: 'hide', reasonCode: 'insulte', version: 1 }));
      for (const arrivedAt of await Promise.all(arrivals)) latencies.push(arrivedAt - sentAt);
      rssMax = Math.max(rssMax, processUsage(pid).rssMb);
    }
    const after = processUsage(pid);
    latencies.sort((a, b) => a - b);
    const p95 = percentile(latencies, 95);
    console.log(`moderation reach: ${VIEWERS} viewers × ${ACTIONS} hides = ${latencies.length} deliveries`);
    console.log(`hide → viewer latency (ms)  p50 ${percentile(latencies, 50).toFixed(1)}  p95 ${p95.toFixed(1)}  p99 ${percentile(latencies, 99).toFixed(1)}  max ${latencies[latencies.length - 1]!.toFixed(1)}`);
    console.log(`server CPU ${(after.cpuSeconds - before.cpuSeconds).toFixed(2)} s during the hides; RSS ${before.rssMb.toFixed(0)} → max ${rssMax.toFixed(0)} MiB`);
    console.log(`machine after the run: ${machineLine()}`);
    reportTargets([{ name: 'moderation hide→viewer p95', value: p95, limit: TARGET_P95_MS, unit: 'ms' }]);
    for (const socket of [...viewers, author, moderator]) socket.close();
  } finally {
    await bench.close();
  }
}

await runBenchMain(main);
