import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChatMessageView, ChatRoomSummary } from '../../../shared/chat/types';
import type { Ack } from '../../../shared/realtime/ack';
import { useTestCluster } from '../../helpers/cluster';
import { describeNginx } from '../../helpers/nginx';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { nextEvent, openSocket, signedIn } from '../../helpers/sockets';

/**
 * Polling-only Socket.IO clients (no WebSocket: a school proxy that blocks upgrades) through nginx in front of
 * three nodes: every long-poll and every POST of a client must reach the node holding its engine.io session, or
 * that node answers « Session ID unknown » and the client drops. nginx is the helper's, built from
 * deploy/nginx.conf (Socket.IO hashed on the session cookie); only its nodes, port and paths are changed.
 */
const PUPILS = [PERSONA_LOGINS.pupil, 'chloe.nguyen', PERSONA_LOGINS.pupilModerator] as const;
/** How long each client keeps sending, and at least how many events each. */
const BUSY_MS = 5_000;
const MIN_EVENTS = 40;

describeRedis('polling-only clients through nginx', () => {
  describeNginx('in front of three nodes', () => {
    const cluster = useTestCluster({ nodes: 3, nginx: true, env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: 100_000, durationSeconds: 60 } }) } });
    const sockets: Socket[] = [];
    let roomId: string;

    beforeAll(async () => {
      const teacher = await signedIn(cluster().front(), PERSONA_LOGINS.teacher);
      const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
      const room = await teacher.post<ChatRoomSummary>('/api/spaces', { kind: 'chat', title: 'Salon sans WebSocket', scope: { kind: 'class', classId } });
      if (room.status !== 201) throw new Error(`room creation failed: ${room.status}`);
      roomId = room.body.id;
    });
    afterAll(() => {
      for (const socket of sockets) socket.close();
    });

    const ask = async (socket: Socket, event: string, payload: unknown): Promise<void> => {
      const answer = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<unknown>;
      if (!answer.ok) throw new Error(`${event} failed: ${answer.code}`);
    };

    it('never get « Session ID unknown »: many requests over seconds stay on their node', async () => {
      const front = cluster().front();
      const problems: string[] = [];
      const clients = await Promise.all(
        PUPILS.map(async (login) => {
          const socket = await openSocket(front, await signedIn(front, login), { transport: 'polling' });
          sockets.push(socket);
          socket.on('disconnect', (reason, description) => problems.push(`${login} disconnected: ${reason} ${JSON.stringify(description ?? null)}`));
          socket.on('connect_error', (error) => problems.push(`${login} connect_error: ${error.message}`));
          await ask(socket, 'space:join', { spaceId: roomId });
          await ask(socket, 'chat:join', { roomId });
          return { login, socket, id: socket.id };
        }),
      );
      // Each client sends event after event (each a POST, each ack coming back on a long-poll GET) for seconds.
      await Promise.all(
        clients.map(async ({ socket }) => {
          const started = Date.now();
          for (let sent = 0; sent < MIN_EVENTS || Date.now() - started < BUSY_MS; sent += 1) await ask(socket, 'space:join', { spaceId: roomId });
        }),
      );
      // Server-sent traffic too: each client's message reaches the other two, whatever node they are on.
      for (const { login, socket } of clients) {
        const body = `Message de ${login} sans WebSocket`;
        const seen = clients.filter((other) => other.socket !== socket).map((other) => nextEvent<ChatMessageView>(other.socket, 'chat:message', (message) => message.body === body, 10_000));
        await ask(socket, 'chat:send', { roomId, key: crypto.randomUUID(), body });
        await Promise.all(seen);
      }
      expect(problems).toEqual([]);
      for (const { socket, id } of clients) {
        expect(socket.connected).toBe(true);
        expect(socket.id).toBe(id);
        expect(socket.io.engine.transport.name).toBe('polling');
      }
    }, 120_000);
  });
});
