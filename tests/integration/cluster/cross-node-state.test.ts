import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChatMessageView, ChatRoomSummary } from '../../../shared/chat/types';
import type { Ack } from '../../../shared/realtime/ack';
import { useTestCluster } from '../../helpers/cluster';
import type { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { openSocket, signedIn } from '../../helpers/sockets';

/**
 * What must be true across nodes beyond room emits: a suspension on one node closes the user's sockets on every
 * node within 2 s (through the adapter; without it, only the other nodes' SessionWatch would, 30 s later), and the
 * audit chain written by several nodes at once still verifies.
 */
const ask = <T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> => socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>;

describeRedis('state across three nodes', () => {
  const cluster = useTestCluster({ nodes: 3, env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: 100_000, durationSeconds: 60 } }) } });
  let teacher: Browser;
  let director: Browser;
  let classId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    teacher = await signedIn(cluster().nodes[0]!, PERSONA_LOGINS.teacher);
    director = await signedIn(cluster().nodes[2]!, PERSONA_LOGINS.director);
    classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  async function pupilIn(node: number, roomId: string, login: string = PERSONA_LOGINS.pupil): Promise<{ socket: Socket; browser: Browser }> {
    const browser = await signedIn(cluster().nodes[node]!, login);
    const socket = await openSocket(cluster().nodes[node]!, browser);
    sockets.push(socket);
    expect((await ask(socket, 'space:join', { spaceId: roomId })).ok).toBe(true);
    expect((await ask(socket, 'chat:join', { roomId })).ok).toBe(true);
    return { socket, browser };
  }
  const send = (socket: Socket, roomId: string) => ask<{ message: ChatMessageView }>(socket, 'chat:send', { roomId, key: crypto.randomUUID(), body: 'coucou' });

  it('a suspension on node 3 closes the pupil’s sockets on nodes 1 and 2', async () => {
    const room = await teacher.post<ChatRoomSummary>('/api/spaces', { kind: 'chat', title: 'Salon 2', scope: { kind: 'class', classId } });
    const login = 'chloe.nguyen';
    const onNode1 = await pupilIn(0, room.body.id, login);
    const onNode2 = await pupilIn(1, room.body.id, login);
    const id = (await onNode1.browser.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const closed = [onNode1.socket, onNode2.socket].map((socket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason))));
    const started = Date.now();
    const answer = await director.post(`/api/admin/users/${id}/suspend`, { reason: 'Test de suspension sur plusieurs nœuds' });
    expect(answer.status).toBe(200);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a teacher reading one forum through three nodes is logged as one view, as on one node', async () => {
    const forum = await teacher.post<{ id: string }>('/api/spaces', { kind: 'forum', title: 'Questions', scope: { kind: 'class', classId } });
    expect(forum.status).toBe(201);
    for (const node of [0, 1, 2, 0, 1, 2]) {
      const reader = node === 0 ? teacher : await signedIn(cluster().nodes[node]!, PERSONA_LOGINS.teacher);
      expect((await reader.get(`/api/forums/${forum.body.id}/topics`)).status).toBe(200);
    }
    const views = await director.get<{ items: Array<{ target: { id: string } }> }>(`/api/audit?event=content.viewed&spaceId=${forum.body.id}&pageSize=100`);
    expect(views.status).toBe(200);
    expect(views.body.items.filter((entry) => entry.target.id === forum.body.id)).toHaveLength(1);
  });

  it('the audit chain written through every node verifies', async () => {
    const room = await teacher.post<ChatRoomSummary>('/api/spaces', { kind: 'chat', title: 'Salon 3', scope: { kind: 'class', classId } });
    const pupils = await Promise.all([0, 1, 2].map((node) => pupilIn(node, room.body.id)));
    await Promise.all(pupils.flatMap(({ socket }) => [1, 2, 3, 4, 5].map(() => send(socket, room.body.id))));
    const verified = await director.get<{ ok: boolean; problems: unknown[] }>('/api/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body, JSON.stringify(verified.body).slice(0, 2000)).toMatchObject({ ok: true });
  });
});
