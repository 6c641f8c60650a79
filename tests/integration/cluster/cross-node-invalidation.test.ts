import { afterAll, expect, it } from 'vitest';
import type { ChatMessageView } from '../../../shared/chat/types';
import { COLLAB_CLOSE } from '../../../shared/realtime/close-codes';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { nextEvent, signedIn } from '../../helpers/sockets';
import type { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { connectPad, createPad, eventually, patchSpace, type PadClient } from '../pad/support';
import { UNLIMITED_CHAT, useClassCluster } from './support';

/** Live changes across nodes, as on one node (BRIEF: within 2 s). */
const LIVE_BOUND_MS = 2_000;

/**
 * A change of rights or settings made on one node is honoured on every node (the invalidation stream,
 * server/cluster/invalidation.ts): sockets leave the rooms they may no longer be in and are told, caches drop,
 * pad connections are re-decided or closed. Without the stream, each of these happens on the changing node only.
 */
describeRedis('invalidation across three nodes', () => {
  const { cluster, teacher, director, classId, chatRoom, chatMember, send } = useClassCluster({ nodes: 3, env: { RATE_LIMITS: JSON.stringify(UNLIMITED_CHAT) } });
  const pads: PadClient[] = [];
  afterAll(() => {
    for (const pad of pads) pad.destroy();
  });

  const userId = async (browser: Browser) => (await browser.get<{ user: { id: string } }>('/api/me')).body.user.id;
  const padOn = (node: number, browser: Browser, spaceId: string): PadClient => {
    const pad = connectPad(cluster().nodes[node]!, browser, spaceId);
    pads.push(pad);
    return pad;
  };

  it('a room locked on node 1: a pupil on node 2 is told, and their next message is refused', async () => {
    const roomId = await chatRoom('Salon');
    const { socket } = await chatMember(1, roomId, PERSONA_LOGINS.pupil);
    // Sent once, so node 2 holds the open room in its cache.
    expect((await send(socket, roomId)).ok).toBe(true);
    const told = nextEvent<SpaceSummary>(socket, 'space:updated', (space) => space.locked, 10_000);
    expect((await patchSpace(teacher(), roomId, { locked: true })).status).toBe(200);
    await told;
    expect(await send(socket, roomId)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a room closed to parents on node 1: a parent’s socket on node 2 leaves it and hears nothing more', async () => {
    const roomId = await chatRoom('Parents', { parentsRead: true });
    const parent = await chatMember(1, roomId, PERSONA_LOGINS.parent);
    const pupilOnNode2 = await chatMember(1, roomId, 'chloe.nguyen');
    const sender = await chatMember(0, roomId, PERSONA_LOGINS.pupil);
    const parentHeard: string[] = [];
    parent.socket.on('chat:message', (message: ChatMessageView) => parentHeard.push(message.body ?? ''));
    const putOut = nextEvent<{ spaceId: string | null }>(parent.socket, 'rights:changed', (change) => change.spaceId === roomId, 10_000);
    expect((await patchSpace(teacher(), roomId, { settings: { parentsRead: false } })).status).toBe(200);
    await putOut;
    // The pupil on the same node as the parent is the barrier: the parent would have got the message with it.
    const heardOnNode2 = nextEvent<ChatMessageView>(pupilOnNode2.socket, 'chat:message', (message) => message.body === 'Plus pour les parents', 10_000);
    expect((await send(sender.socket, roomId, 'Plus pour les parents')).ok).toBe(true);
    await heardOnNode2;
    expect(parentHeard).toEqual([]);
  });

  it('a pupil muted on node 1 writes no more in a pad open on node 2, within 2 s', async () => {
    const pad = await createPad(teacher(), classId());
    const pupil = await signedIn(cluster().nodes[1]!, 'ines.rodrigues');
    const editor = padOn(1, pupil, pad.id);
    await editor.synced();
    await eventually(() => editor.access()?.mode === 'write', 'the pupil writes', LIVE_BOUND_MS * 5);
    const started = Date.now();
    expect((await teacher().post(`/api/pads/${pad.id}/mutes`, { userId: await userId(pupil) })).status).toBe(200);
    await eventually(() => editor.access()?.mode === 'read', 'the muted pupil is told on node 2', LIVE_BOUND_MS * 5);
    expect(editor.access()).toEqual({ mode: 'read', reason: 'muted' });
    expect(Date.now() - started).toBeLessThan(LIVE_BOUND_MS);
  });

  it('a pupil moderator revoked on node 1 no longer writes in a teachers-only pad open on node 2', async () => {
    const pad = await createPad(teacher(), classId(), { writers: 'teachers' });
    const moderator = await signedIn(cluster().nodes[1]!, PERSONA_LOGINS.pupilModerator);
    const id = await userId(moderator);
    expect((await teacher().post(`/api/spaces/${pad.id}/moderators`, { userId: id })).status).toBe(200);
    const editor = padOn(1, moderator, pad.id);
    await editor.synced();
    await eventually(() => editor.access()?.mode === 'write', 'the designated pupil writes', LIVE_BOUND_MS * 5);
    expect((await teacher().send('DELETE', `/api/spaces/${pad.id}/moderators/${id}`)).status).toBe(200);
    await eventually(() => editor.access()?.mode === 'read', 'the revoked pupil is told on node 2', LIVE_BOUND_MS * 5);
  });

  it('a suspension on node 3 closes the pupil’s pad connections on nodes 1 and 2 within 2 s', async () => {
    const pad = await createPad(teacher(), classId());
    const login = 'mamadou.diallo';
    const browsers = await Promise.all([0, 1].map((node) => signedIn(cluster().nodes[node]!, login)));
    const editors = browsers.map((browser, node) => padOn(node, browser, pad.id));
    await Promise.all(editors.map((editor) => editor.synced()));
    const started = Date.now();
    expect((await director().post(`/api/admin/users/${await userId(browsers[0]!)}/suspend`, { reason: 'Test de suspension sur plusieurs nœuds' })).status).toBe(200);
    expect(await Promise.all(editors.map((editor) => editor.closed))).toEqual([COLLAB_CLOSE.SUSPENDED, COLLAB_CLOSE.SUSPENDED]);
    expect(Date.now() - started).toBeLessThan(LIVE_BOUND_MS);
  });
});
