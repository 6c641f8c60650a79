import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessageView } from '../../../shared/chat/types';
import type { WallComment } from '../../../shared/wall/types';
import type { ModeratedItemView, ModerationAction, ReportView } from '../../../shared/moderation/types';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { useTestServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { auditItems, auditTotal, emit, inRoom, nextEvent, ok, openClassRoom, patchRoom, send } from '../chat/support';
import { createWall, doc, joinWall, must, postCard } from '../wall/support';

describe('live moderation on chat messages', () => {
  // The 1,000 moderation actions below run as fast as the server answers, far beyond any teacher: the default
  // per-user event limit and the chat's flood limit are raised for this server (they have their own tests).
  const use = useTestServer({ env: { RATE_LIMITS: JSON.stringify({ socketEvent: { points: 100_000, durationSeconds: 60 }, chatWrite: { points: 1_000, durationSeconds: 60 } }) } });
  let server: TestServer;
  let world: PersonaWorld;
  let roomId: string;
  const sockets: Socket[] = [];
  const socketOf = async (persona: keyof PersonaWorld['browsers']): Promise<Socket> => {
    const { socket } = await inRoom(server, world.browsers[persona], roomId);
    sockets.push(socket);
    return socket;
  };
  const act = (socket: Socket, message: { id: string }, action: ModerationAction, version: number, extra: Record<string, unknown> = {}) =>
    emit<{ item: ModeratedItemView }>(socket, 'moderation:act', { kind: 'chatMessage', itemId: message.id, spaceId: roomId, action, reasonCode: 'insulte', version, ...extra });

  beforeAll(async () => {
    server = use();
    world = await personaWorld(server);
    roomId = (await openClassRoom(world.browsers.teacher, world.classId)).id;
    // Parents follow this class chat: its teacher opened it to them (closed by default).
    expect((await patchRoom(world.browsers.teacher, roomId, { settings: { parentsRead: true } })).status).toBe(200);
    await designateModerator(world, roomId);
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('a report reaches the class console live; the hide reaches pupils and parents, and the author is told why', async () => {
    const teacher = await openSocket(server, world.browsers.teacher);
    sockets.push(teacher);
    const queue = ok(await emit<{ reports: ReportView[] }>(teacher, 'moderation:join', { scope: { kind: 'class', classId: world.classId } }));
    expect(Array.isArray(queue.reports)).toBe(true);
    const author = await socketOf('pupil');
    const reporter = await socketOf('pupilModerator');
    const parent = await socketOf('parent');
    const { socket: classmate } = await inRoom(server, await signedIn(server, 'chloe.nguyen'), roomId);
    sockets.push(classmate);
    const message = await send(author, roomId, 'tu es nul');

    const arrived = nextEvent<ReportView>(teacher, 'moderation:report', (report) => report.itemId === message.id);
    ok(await emit(reporter, 'report:create', { kind: 'chatMessage', itemId: message.id, spaceId: roomId, category: 'insulte', text: 'Il se moque' }));
    const report = await arrived;
    expect(report).toMatchObject({ status: 'open', category: 'insulte', item: { excerpt: 'tu es nul', state: 'visible' } });

    const claimed = ok(await emit<{ report: ReportView }>(teacher, 'moderation:claim', { reportId: report.id, version: report.version })).report;
    expect(claimed.status).toBe('claimed');
    const pupilView = nextEvent<ChatMessageView>(classmate, 'chat:updated', (update) => update.id === message.id);
    const parentView = nextEvent<ChatMessageView>(parent, 'chat:updated', (update) => update.id === message.id);
    const told = nextEvent<{ code: string; params: { reason: string } }>(author, 'notify');
    const result = ok(await act(teacher, message, 'hide', claimed.item!.version, { reportId: report.id }));
    expect(result.item.state).toBe('hidden');
    expect(await pupilView).toMatchObject({ status: 'hidden', body: null });
    expect(await parentView).toMatchObject({ status: 'hidden', body: null });
    expect(await told).toMatchObject({ code: 'moderation.hide', params: { reason: 'insulte' } });

    const restored = nextEvent<ChatMessageView>(parent, 'chat:updated', (update) => update.id === message.id && update.status === 'published');
    ok(await act(teacher, message, 'restore', result.item.version));
    expect((await restored).body).toBe('tu es nul');

    const mine = ok(await emit<{ reports: ReportView[] }>(reporter, 'report:mine', {})).reports;
    expect(mine.find((item) => item.id === report.id)?.status).toBe('resolved');
  });

  it('a pupil moderator hides but cannot delete; after revocation, cannot hide either', async () => {
    const author = await socketOf('pupil');
    const moderator = await socketOf('pupilModerator');
    const message = await send(author, roomId, 'message à modérer');
    const hidden = ok(await act(moderator, message, 'hide', 1));
    expect(hidden.item.state).toBe('hidden');
    expect(await act(moderator, message, 'delete', hidden.item.version)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await act(moderator, message, 'mute', hidden.item.version, { durationMinutes: 5 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const revoked = await world.browsers.teacher.send('DELETE', `/api/spaces/${roomId}/moderators/${world.ids.pupilModerator}`);
    expect(revoked.status).toBe(200);
    const other = await send(author, roomId, 'un autre message');
    // The same socket, without reconnecting: the rights changed live.
    await expect.poll(async () => (await act(moderator, other, 'hide', 1)).ok, { timeout: 2_000 }).toBe(false);
    expect(await act(moderator, other, 'hide', 1)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const denials = await auditItems<{ actor: { userId: string }; status: string }>(world.browsers.director, `event=access.denied&actor=${world.ids.pupilModerator}`);
    expect(denials.length).toBeGreaterThanOrEqual(3);
    await designateModerator(world, roomId);
  });

  it('two moderators on one report: one wins, the other gets CONFLICT with the new state; both attempts are logged', async () => {
    const author = await socketOf('pupil');
    const reporter = await socketOf('pupilModerator');
    const teacher = await openSocket(server, world.browsers.teacher);
    const director = await openSocket(server, world.browsers.director);
    sockets.push(teacher, director);
    const message = await send(author, roomId, 'message signalé deux fois');
    const report = ok(await emit<{ report: ReportView }>(reporter, 'report:create', { kind: 'chatMessage', itemId: message.id, spaceId: roomId, category: 'hors_sujet' })).report;
    const before = await auditTotal(world.browsers.director, 'event=moderation.claim');
    const claims = await Promise.all([teacher, director].map((socket) => emit(socket, 'moderation:claim', { reportId: report.id, version: report.version })));
    expect(claims.filter((answer) => answer.ok)).toHaveLength(1);
    expect(claims.find((answer) => !answer.ok)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await auditTotal(world.browsers.director, 'event=moderation.claim')).toBe(before + 2);

    const acts = await Promise.all([teacher, director].map((socket) => act(socket, message, 'hide', 1)));
    expect(acts.filter((answer) => answer.ok)).toHaveLength(1);
    expect(acts.find((answer) => !answer.ok)).toMatchObject({ ok: false, code: 'CONFLICT' });
    const attempts = await auditItems<{ status: string; target: { id: string } }>(world.browsers.director, 'event=moderation.hide');
    expect(attempts.filter((entry) => entry.target.id === message.id).map((entry) => entry.status).sort()).toEqual(['fail', 'success']);
  });

  it('a pad can be reported with a quote; acting on it happens in the pad itself', async () => {
    const pad = (await world.browsers.teacher.post<{ id: string }>('/api/spaces', { kind: 'pad', title: 'Récit de classe', scope: { kind: 'class', classId: world.classId } })).body;
    const reporter = await openSocket(server, world.browsers.pupil);
    sockets.push(reporter);
    const report = ok(await emit<{ report: ReportView }>(reporter, 'report:create', { kind: 'pad', itemId: pad.id, spaceId: pad.id, category: 'contenu_choquant', quote: 'un passage choquant' })).report;
    expect(report).toMatchObject({ kind: 'pad', quote: 'un passage choquant', excerpt: 'Récit de classe', item: null });
    const teacher = await openSocket(server, world.browsers.teacher);
    sockets.push(teacher);
    const answer = await emit(teacher, 'moderation:act', { kind: 'pad', itemId: pad.id, spaceId: pad.id, action: 'hide', reasonCode: 'contenu_choquant', version: 1 });
    expect(answer).toMatchObject({ ok: false, code: 'VALIDATION' });
  });

  it('1,000 random moderation actions on chat messages, wall cards and wall comments give exactly 1,000 audit events, and the chain verifies', async () => {
    const author = await socketOf('pupil');
    const teacher = await openSocket(server, world.browsers.teacher);
    sockets.push(teacher);
    type Item = { kind: 'chatMessage' | 'wallCard' | 'wallComment'; id: string; spaceId: string };
    const items: Item[] = [];
    for (let i = 0; i < 10; i += 1) {
      items.push({ kind: 'chatMessage', id: (await send(author, roomId, `message ${i}`)).id, spaceId: roomId });
    }
    const wallId = (await createWall(world.browsers.teacher, world.classId)).id;
    const onWall = await joinWall(server, world.browsers.pupil, wallId);
    sockets.push(onWall);
    for (let i = 0; i < 5; i += 1) {
      const { card } = await postCard(onWall, wallId, { title: `carte ${i}`, body: doc(`texte ${i}`) });
      const { comment } = await must<{ comment: WallComment }>(onWall, 'wall:comment:create', { spaceId: wallId, cardId: card.id, text: `commentaire ${i}` });
      items.push({ kind: 'wallCard', id: card.id, spaceId: wallId }, { kind: 'wallComment', id: comment.id, spaceId: wallId });
    }
    const versions = new Map(items.map((item) => [item.id, 1]));
    const moderationEvents = async () => {
      let total = 0;
      for (const action of ['approve', 'hide', 'restore', 'delete', 'edit', 'mute'] as const) total += await auditTotal(world.browsers.director, `event=moderation.${action}`);
      return total;
    };
    const before = await moderationEvents();
    const actions: ModerationAction[] = ['hide', 'restore', 'delete', 'approve', 'edit', 'mute'];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      // The high bits: an LCG's low bits cycle too fast to spread picks over 20 items.
      return Math.floor((seed / 2 ** 31) * n);
    };
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 1_000; i += 1) {
      const item = items[random(items.length)]!;
      const action = actions[random(actions.length)]!;
      // A tenth of the actions use a stale version on purpose: they must be refused AND logged. Others are refused
      // because they no longer apply (hiding a hidden card…): logged as well.
      const stale = random(10) === 0;
      const version = stale ? versions.get(item.id)! - 1 : versions.get(item.id)!;
      const content = item.kind === 'chatMessage' ? { body: `corrigé ${i}` } : { text: `corrigé ${i}` };
      const answer = await emit<{ item: ModeratedItemView }>(teacher, 'moderation:act', {
        kind: item.kind,
        itemId: item.id,
        spaceId: item.spaceId,
        action,
        reasonCode: 'insulte',
        version,
        ...(action === 'edit' ? { content } : action === 'mute' ? { durationMinutes: 1 } : {}),
      });
      if (answer.ok) versions.set(item.id, answer.data.item.version);
      else expect(answer.code).toBe('CONFLICT');
      const key = `${item.kind}:${answer.ok ? 'ok' : answer.code}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    // Every kind saw both outcomes: the mix really exercised the three adapters.
    for (const kind of ['chatMessage', 'wallCard', 'wallComment']) expect(outcomes.get(`${kind}:ok`) && outcomes.get(`${kind}:CONFLICT`)).toBeGreaterThan(0);
    expect((await moderationEvents()) - before).toBe(1_000);
    const verify = await world.browsers.director.get<{ ok: boolean }>('/api/audit/verify');
    expect(verify.body.ok).toBe(true);
  });
});
