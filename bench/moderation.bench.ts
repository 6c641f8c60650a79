/**
 * Moderation reach: `npm run bench:moderation`. 500 sockets (BENCH_VIEWERS) view a class chat room; a teacher
 * hides messages one at a time (BENCH_ACTIONS, default 20) through the moderation console, and every viewer
 * records when the hidden state reached it. Reports p50/p95/p99/max of hide-to-viewer latency over all
 * deliveries, and the server's CPU and RSS. Target: p95 < 1 s (aim far lower).
 */
import type { Socket } from 'socket.io-client';
import type { ChatMessageView, ChatRoomSummary } from '../shared/chat/types';
import type { Ack } from '../shared/realtime/ack';
import { demoAccounts } from '../tests/helpers/demo';
import { startServer } from '../tests/helpers/server';
import { openSocket, signedIn } from '../tests/helpers/sockets';
import { percentile, preciseNow, processUsage } from './support';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 500);
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 20);
const TARGET_P95_MS = 1_000;

function emit<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

function ok<T>(answer: Ack<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`);
  return answer.data;
}

async function main(): Promise<void> {
  const server = await startServer({ env: { LOG_LEVEL: 'warn' }, timeoutMs: 60_000 }).catch(async () => startServer({ timeoutMs: 60_000 }));
  const pid = server.process.pid!;
  try {
    const teacher = await signedIn(server, 'claire.fontaine');
    const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const room = (await teacher.post<ChatRoomSummary>(`/api/chat/classes/${classId}/room`)).body;
    // Parents follow this class chat: its teacher opened it to them (closed to parents by default).
    const opened = await teacher.send('PATCH', `/api/spaces/${room.id}`, { settings: { parentsRead: true }, version: room.version });
    if (opened.status !== 200) throw new Error(`opening the room to parents failed: ${opened.status}`);
    // Pupils and parents of the class: each session carries many sockets, as tabs of one family would.
    const members = demoAccounts(server.dataDir).filter((account) => account.classes.includes('CE2') && (account.profile === 'pupil' || account.profile === 'parent')).slice(0, 20);
    const browsers = await Promise.all(members.map((account) => signedIn(server, account.login)));
    const viewers: Socket[] = [];
    for (let i = 0; i < VIEWERS; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, VIEWERS - i) }, async (_, j) => {
          const socket = await openSocket(server, browsers[(i + j) % browsers.length]!);
          ok(await emit(socket, 'space:join', { spaceId: room.id }));
          return socket;
        }),
      );
      viewers.push(...batch);
    }
    const author = await openSocket(server, await signedIn(server, 'lea.martin'));
    ok(await emit(author, 'space:join', { spaceId: room.id }));
    const moderator = await openSocket(server, teacher);

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
    console.log(`target p95 < ${TARGET_P95_MS} ms: ${p95 < TARGET_P95_MS ? 'met' : 'NOT met'}`);
    for (const socket of [...viewers, author, moderator]) socket.close();
  } finally {
    await server.stop();
    server.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
