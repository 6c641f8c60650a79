import { expect, it } from 'vitest';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { signedIn } from '../../helpers/sockets';
import { UNLIMITED_CHAT, useClassCluster } from './support';

/**
 * What must be true across nodes beyond room emits: a suspension on one node closes the user's sockets on every
 * node within 2 s (through the adapter; without it, only the other nodes' SessionWatch would, 30 s later), views are
 * logged once whichever nodes serve them, and the audit chain written by several nodes at once still verifies.
 */
describeRedis('state across three nodes', () => {
  const { cluster, teacher, director, classId, chatRoom, chatMember, send } = useClassCluster({ nodes: 3, env: { RATE_LIMITS: JSON.stringify(UNLIMITED_CHAT) } });

  it('a suspension on node 3 closes the pupil’s sockets on nodes 1 and 2', async () => {
    const roomId = await chatRoom('Salon 2');
    const login = 'chloe.nguyen';
    const onNode1 = await chatMember(0, roomId, login);
    const onNode2 = await chatMember(1, roomId, login);
    const id = (await onNode1.browser.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const closed = [onNode1.socket, onNode2.socket].map((socket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason))));
    const started = Date.now();
    const answer = await director().post(`/api/admin/users/${id}/suspend`, { reason: 'Test de suspension sur plusieurs nœuds' });
    expect(answer.status).toBe(200);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a teacher reading one forum through three nodes is logged as one view, as on one node', async () => {
    const forum = await teacher().post<{ id: string }>('/api/spaces', { kind: 'forum', title: 'Questions', scope: { kind: 'class', classId: classId() } });
    expect(forum.status).toBe(201);
    for (const node of [0, 1, 2, 0, 1, 2]) {
      const reader = node === 0 ? teacher() : await signedIn(cluster().nodes[node]!, PERSONA_LOGINS.teacher);
      expect((await reader.get(`/api/forums/${forum.body.id}/topics`)).status).toBe(200);
    }
    const views = await director().get<{ items: Array<{ target: { id: string } }> }>(`/api/audit?event=content.viewed&spaceId=${forum.body.id}&pageSize=100`);
    expect(views.status).toBe(200);
    expect(views.body.items.filter((entry) => entry.target.id === forum.body.id)).toHaveLength(1);
  });

  it('the audit chain written through every node verifies', async () => {
    const roomId = await chatRoom('Salon 3');
    const pupils = await Promise.all([0, 1, 2].map((node) => chatMember(node, roomId, PERSONA_LOGINS.pupil)));
    await Promise.all(pupils.flatMap(({ socket }) => [1, 2, 3, 4, 5].map(() => send(socket, roomId))));
    const verified = await director().get<{ ok: boolean; problems: unknown[] }>('/api/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body, JSON.stringify(verified.body).slice(0, 2000)).toMatchObject({ ok: true });
  });
});
