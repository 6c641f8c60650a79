/**
 * Issue « Trust, part 1 »: the moderation model tried as a hostile pupil and as a pupil moderator would. Each test
 * is one observed attack; each failed on the landed main before this issue.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModeratedItemView, ReportView } from '../../../shared/moderation/types';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { useTestServer, type TestServer } from '../../helpers/server';
import { collect, openSocket, signedIn } from '../../helpers/sockets';
import { auditItems, emit, inRoom, newRoom, nextEvent, ok, patchRoom, send } from '../chat/support';

describe('trust: reports, consoles and designations', () => {
  const use = useTestServer();
  let server: TestServer;
  let world: PersonaWorld;
  const sockets: Socket[] = [];
  const keep = (socket: Socket): Socket => {
    sockets.push(socket);
    return socket;
  };
  const join = async (persona: keyof PersonaWorld['browsers'], roomId: string): Promise<Socket> => keep((await inRoom(server, world.browsers[persona], roomId)).socket);
  const report = (socket: Socket, roomId: string, itemId: string, extra: Record<string, unknown> = {}) =>
    emit<{ report: ReportView }>(socket, 'report:create', { kind: 'chatMessage', itemId, spaceId: roomId, category: 'insulte', text: 'Elle se moque de moi', ...extra });

  beforeAll(async () => {
    server = use();
    world = await personaWorld(server);
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('a pupil moderator cannot dismiss reports, not even one on their own message; the teacher can', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    await designateModerator(world, roomId);
    const moderator = await join('pupilModerator', roomId);
    const pupil = await join('pupil', roomId);
    ok(await emit(moderator, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } }));
    const own = await send(moderator, roomId, 'tu es nul');
    const other = await send(pupil, roomId, 'toi aussi');
    const onOwn = ok(await report(pupil, roomId, own.id)).report;
    const onOther = ok(await report(moderator, roomId, other.id)).report;
    for (const target of [onOwn, onOther]) {
      expect(await emit(moderator, 'moderation:dismiss', { reportId: target.id, version: target.version, reasonCode: 'erreur' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    const denials = await auditItems<{ reason: string; status: string }>(world.browsers.director, `event=access.denied&actor=${world.ids.pupilModerator}`);
    expect(denials.filter((entry) => entry.reason.includes('moderation:dismiss'))).toHaveLength(2);
    const teacher = keep(await openSocket(server, world.browsers.teacher));
    expect(ok(await emit<{ report: ReportView }>(teacher, 'moderation:dismiss', { reportId: onOwn.id, version: onOwn.version, reasonCode: 'erreur' })).report.status).toBe('dismissed');
  });

  it('a revoked pupil moderator’s open socket stops receiving pending items and reports at once', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId, { preModeration: true });
    await designateModerator(world, roomId);
    const moderator = await join('pupilModerator', roomId);
    ok(await emit(moderator, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } }));
    const teacher = keep(await openSocket(server, world.browsers.teacher));
    ok(await emit(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } }));
    const pupil = await join('pupil', roomId);
    // Designated: the pending message reaches the pupil moderator's console.
    const seen = nextEvent<ModeratedItemView>(moderator, 'moderation:item', (item) => item.state === 'pending');
    await send(pupil, roomId, 'premier message');
    await seen;

    const told = nextEvent(moderator, 'rights:changed');
    expect((await world.browsers.teacher.send('DELETE', `/api/spaces/${roomId}/moderators/${world.ids.pupilModerator}`)).status).toBe(200);
    await told;
    const items = collect<ModeratedItemView>(moderator, 'moderation:item');
    const reports = collect<ReportView>(moderator, 'moderation:report');
    const teacherItem = nextEvent<ModeratedItemView>(teacher, 'moderation:item', (item) => item.excerpt === 'deuxième message');
    const pending = await send(pupil, roomId, 'deuxième message');
    await teacherItem;
    const teacherReport = nextEvent<ReportView>(teacher, 'moderation:report');
    const classmate = await join('pupil', roomId);
    const published = await send(keep((await inRoom(server, world.browsers.teacher, roomId)).socket), roomId, 'message de la maîtresse');
    ok(await report(classmate, roomId, published.id, { text: 'secret du rapporteur' }));
    await teacherReport;
    // Emits to the console's sockets go out in one pass: a round trip on the revoked socket comes after any of them.
    ok(await emit(moderator, 'system:ping', { sentAt: Date.now() }));
    expect(items.map((item) => item.id)).not.toContain(pending.id);
    expect(reports).toEqual([]);
    expect(await emit(moderator, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a designation reaches the pupil’s open socket at once: told, and the console opens without reconnecting', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    const pupil = await join('pupilModerator', roomId);
    expect(await emit(pupil, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const told = nextEvent(pupil, 'rights:changed');
    const updated = nextEvent<{ id: string; rights: { moderate: boolean } }>(pupil, 'space:updated', (space) => space.id === roomId);
    await designateModerator(world, roomId);
    await told;
    expect((await updated).rights.moderate).toBe(true);
    ok(await emit(pupil, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } }));
    const designated = await auditItems<{ target: { id: string } }>(world.browsers.director, `event=moderation.designated&spaceId=${roomId}`);
    expect(designated.map((entry) => entry.target.id)).toEqual([world.ids.pupilModerator]);
  });

  it('reports never reveal what the reporter cannot read: a classmate’s pending message is not found, a removed one shows nothing', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId, { preModeration: true });
    const author = await join('pupil', roomId);
    const other = keep((await inRoom(server, await signedIn(server, 'chloe.nguyen'), roomId)).socket);
    const pending = await send(author, roomId, 'mon secret');
    expect(pending.status).toBe('pending');
    expect(await report(other, roomId, pending.id)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const denied = await auditItems<{ reason: string; target: { id: string } }>(world.browsers.director, 'event=access.denied&status=denied');
    expect(denied.some((entry) => entry.target.id === pending.id && entry.reason.includes('report:create'))).toBe(true);

    const teacher = await join('teacher', roomId);
    const approved = ok(await emit<{ item: ModeratedItemView }>(teacher, 'moderation:act', { kind: 'chatMessage', itemId: pending.id, spaceId: roomId, action: 'approve', reasonCode: 'autre', version: 1 }));
    expect(approved.item.state).toBe('visible');
    const made = ok(await report(other, roomId, pending.id)).report;
    expect(made).toMatchObject({ excerpt: 'mon secret', itemRemoved: false, item: null });
    const toldReporter = nextEvent<ReportView>(other, 'moderation:report', (view) => view.id === made.id && view.status === 'resolved');
    ok(await emit(teacher, 'moderation:act', { kind: 'chatMessage', itemId: pending.id, spaceId: roomId, action: 'hide', reasonCode: 'information_personnelle', version: approved.item.version }));
    expect(await toldReporter).toMatchObject({ excerpt: '', itemRemoved: true, item: null });
    const mine = ok(await emit<{ reports: ReportView[] }>(other, 'report:mine', {})).reports.find((view) => view.id === made.id);
    expect(mine).toMatchObject({ excerpt: '', itemRemoved: true, item: null });
    expect(JSON.stringify(mine)).not.toContain('mon secret');
  });

  it('item ids are unguessable: two messages sent one after the other share no predictable tail', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    const author = await join('teacher', roomId);
    const first = await send(author, roomId, 'un');
    const second = await send(author, roomId, 'deux');
    for (const id of [first.id, second.id]) expect(id).toMatch(/^[0-9a-f]{32}$/);
    const tail = (id: string) => id.slice(8);
    const same = [...tail(first.id)].filter((char, index) => char === tail(second.id)[index]).length;
    expect(same).toBeLessThan(12);
  });

  it('two reports at once from the same reporter on the same item make one report', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    const author = await join('pupil', roomId);
    const reporter = await signedIn(server, 'chloe.nguyen');
    // The same pupil in two tabs, reporting several messages from both at once.
    const tabs = [keep((await inRoom(server, reporter, roomId)).socket), keep((await inRoom(server, reporter, roomId)).socket)];
    const messages = [];
    for (const body of ['personne ne joue avec toi', 'tu es nulle', 'va-t’en']) messages.push(await send(author, roomId, body));
    const answers = await Promise.all(messages.flatMap((message) => tabs.flatMap((tab) => [report(tab, roomId, message.id), report(tab, roomId, message.id)])));
    expect(answers.every((answer) => answer.ok)).toBe(true);
    const teacher = keep(await openSocket(server, world.browsers.teacher));
    const queue = ok(await emit<{ reports: ReportView[] }>(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } }));
    for (const message of messages) expect(queue.reports.filter((view) => view.itemId === message.id), message.id).toHaveLength(1);
  });

  it('a stale settings change is refused with CONFLICT, never merged into a stale read', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId);
    const loaded = (await world.browsers.teacher.get<{ version: number }>(`/api/spaces/${roomId}`)).body.version;
    const [a, b] = await Promise.all([
      world.browsers.teacher.send('PATCH', `/api/spaces/${roomId}`, { settings: { slowModeSeconds: 30 }, version: loaded }),
      world.browsers.director.send('PATCH', `/api/spaces/${roomId}`, { settings: { editWindowMinutes: 1 }, version: loaded }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const after = (await world.browsers.teacher.get<{ settings: { slowModeSeconds: number; editWindowMinutes: number }; version: number }>(`/api/spaces/${roomId}`)).body;
    // Exactly one of the two changes holds, and the other was not silently applied on top of a stale read.
    expect(Number(after.settings.slowModeSeconds === 30) + Number(after.settings.editWindowMinutes === 1)).toBe(1);
    expect(after.version).toBe(loaded + 1);
    expect((await world.browsers.teacher.send('PATCH', `/api/spaces/${roomId}`, { settings: { slowModeSeconds: 5 } })).status).toBe(400);
    expect((await patchRoom(world.browsers.teacher, roomId, { settings: { slowModeSeconds: 5 } })).status).toBe(200);
  });
});
