/**
 * The school's moderation settings (the director's): the automatic hide after N reports from different users,
 * pending review, and the evidence retention, which applies to the evidence already kept.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessageView } from '../../../shared/chat/types';
import { EVIDENCE_DEFAULT_RETENTION_MONTHS } from '../../../shared/moderation/limits';
import type { ModeratedItemView, ModerationSettings } from '../../../shared/moderation/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { useTestServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { auditItems, emit, inRoom, nextEvent, ok, openClassRoom, patchRoom, send } from '../chat/support';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('moderation settings of the school', () => {
  const use = useTestServer();
  let server: TestServer;
  let world: PersonaWorld;
  let roomId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = use();
    world = await personaWorld(server);
    roomId = (await openClassRoom(world.browsers.teacher, world.classId)).id;
    expect((await patchRoom(world.browsers.teacher, roomId, { settings: { parentsRead: true } })).status).toBe(200);
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('only the director reads and changes them; bad values are refused with the field named', async () => {
    const defaults = await world.browsers.director.get<ModerationSettings>('/api/moderation/settings');
    expect(defaults).toMatchObject({ status: 200, body: { autoHideAfterReports: null, evidenceRetentionMonths: EVIDENCE_DEFAULT_RETENTION_MONTHS } });
    for (const persona of ['teacher', 'pupil', 'parent'] as const) {
      expect((await world.browsers[persona].get('/api/moderation/settings')).status).toBe(403);
      expect((await world.browsers[persona].send('PUT', '/api/moderation/settings', { autoHideAfterReports: 2, evidenceRetentionMonths: 12 })).status).toBe(403);
    }
    const cases: [Record<string, unknown>, string][] = [
      [{ autoHideAfterReports: 1, evidenceRetentionMonths: 12 }, 'autoHideAfterReports'],
      [{ autoHideAfterReports: null, evidenceRetentionMonths: 0 }, 'evidenceRetentionMonths'],
      [{ autoHideAfterReports: null, evidenceRetentionMonths: 12, extra: true }, ''],
    ];
    for (const [bad, field] of cases) {
      const refused = await world.browsers.director.send<{ error: { code: string; issues?: { path: string }[] } }>('PUT', '/api/moderation/settings', bad);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION');
      if (field) expect(refused.body.error.issues?.map((issue) => issue.path)).toContain(field);
    }
    expect((await world.browsers.director.get<ModerationSettings>('/api/moderation/settings')).body.autoHideAfterReports).toBeNull();
  });

  it('after N reports from different users, an item is hidden pending review, automatically and logged', async () => {
    const saved = await world.browsers.director.send<ModerationSettings>('PUT', '/api/moderation/settings', { autoHideAfterReports: 2, evidenceRetentionMonths: 12 });
    expect(saved).toMatchObject({ status: 200, body: { autoHideAfterReports: 2 } });
    const changes = await auditItems(world.browsers.director, 'event=moderation.settings_changed');
    expect(changes[0]).toMatchObject({ actor: { userId: world.ids.director }, reason: 'automatic hide: 2; evidence kept 12 months' });

    const join = async (browser: Parameters<typeof inRoom>[1]) => {
      const { socket } = await inRoom(server, browser, roomId);
      sockets.push(socket);
      return socket;
    };
    const author = await join(world.browsers.pupil);
    const first = await join(world.browsers.pupilModerator);
    const second = await join(await signedIn(server, 'chloe.nguyen'));
    const parent = await join(world.browsers.parent);
    const teacher = (await inRoom(server, world.browsers.teacher, roomId)).socket;
    sockets.push(teacher);
    ok(await emit(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } }));
    const message = await send(author, roomId, 'personne ne t’aime');
    const report = (socket: Socket) => emit(socket, 'report:create', { kind: 'chatMessage', itemId: message.id, spaceId: roomId, category: 'insulte' });
    ok(await report(first));
    // The same user reporting again does not count twice.
    ok(await report(first));
    expect((await auditItems(world.browsers.director, 'event=moderation.hide')).filter((entry) => entry.target.id === message.id)).toEqual([]);
    const hidden = nextEvent<ChatMessageView>(parent, 'chat:updated', (update) => update.id === message.id);
    // The automatic hide goes through the one moderation path: the consoles are told, the original is kept.
    const console = nextEvent<ModeratedItemView>(teacher, 'moderation:item', (item) => item.id === message.id && item.state === 'hidden');
    ok(await report(second));
    expect(await hidden).toMatchObject({ status: 'hidden', body: null });
    expect(await console).toMatchObject({ state: 'hidden', actions: expect.arrayContaining(['restore', 'delete']) as unknown });
    const automatic = (await auditItems(world.browsers.director, 'event=moderation.hide')).filter((entry) => entry.target.id === message.id);
    expect(automatic).toMatchObject([{ origin: 'job', actor: { userId: null } }]);
    expect(automatic[0]!.reason).toContain('automatic');
    const kept = (await world.browsers.teacher.get<{ itemId: string; action: string; original: { body: string } }[]>(`/api/spaces/${roomId}/evidence?itemId=${message.id}`)).body;
    expect(kept).toMatchObject([{ itemId: message.id, action: 'hide', original: { body: 'personne ne t’aime' } }]);
    await world.browsers.director.send('PUT', '/api/moderation/settings', { autoHideAfterReports: null, evidenceRetentionMonths: 12 });
  });

  it('a new retention applies to the evidence already kept', async () => {
    const teacher = (await inRoom(server, world.browsers.teacher, roomId)).socket;
    const author = (await inRoom(server, world.browsers.pupil, roomId)).socket;
    sockets.push(teacher, author);
    const message = await send(author, roomId, 'tu es bête');
    ok(await emit(teacher, 'moderation:act', { kind: 'chatMessage', itemId: message.id, spaceId: roomId, action: 'hide', reasonCode: 'insulte', version: 1 }));
    const evidence = async () => (await world.browsers.teacher.get<{ createdAt: number; expiresAt: number }[]>(`/api/spaces/${roomId}/evidence?itemId=${message.id}`)).body[0]!;
    const kept = await evidence();
    expect(kept.expiresAt - kept.createdAt).toBeGreaterThan(350 * DAY_MS);
    expect((await world.browsers.director.send('PUT', '/api/moderation/settings', { autoHideAfterReports: null, evidenceRetentionMonths: 1 })).status).toBe(200);
    const shortened = await evidence();
    expect(shortened.expiresAt - shortened.createdAt).toBeLessThan(32 * DAY_MS);
  });
});
