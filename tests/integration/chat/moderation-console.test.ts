import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessageView } from '../../../shared/chat/types';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { emit, inRoom, nextEvent, ok, openClassRoom, send } from './support';

/** The chat seen from the moderation console (issue 7): reports, live stream, actions on a version, pending items. */
describe('chat messages in the moderation console', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let roomId: string;
  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    roomId = (await openClassRoom(world.browsers.teacher, world.classId)).id;
  });
  afterAll(async () => {
    await server.stop();
    server.cleanup();
  });

  it('streams new messages to the console, takes a report, and hides the message on its version for everyone', async () => {
    const { socket: pupil } = await inRoom(server, world.browsers.pupil, roomId);
    const { socket: classmate } = await inRoom(server, world.browsers.pupilModerator, roomId);
    const { socket: teacher } = await inRoom(server, world.browsers.teacher, roomId);
    ok(await emit(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } }));
    const streamed = nextEvent<ModeratedItemView>(teacher, 'moderation:item', (item) => item.kind === 'chatMessage');
    const message = await send(pupil, roomId, 'Tu es nul');
    expect(await streamed).toMatchObject({ kind: 'chatMessage', id: message.id, state: 'visible', version: 1, excerpt: 'Tu es nul' });

    ok(await emit(classmate, 'report:create', { kind: 'chatMessage', itemId: message.id, spaceId: roomId, category: 'insulte' }));
    const redacted = nextEvent<ChatMessageView>(classmate, 'chat:updated', (m) => m.id === message.id);
    const acted = ok(await emit<{ item: ModeratedItemView }>(teacher, 'moderation:act', { kind: 'chatMessage', itemId: message.id, spaceId: roomId, action: 'hide', reasonCode: 'insulte', version: 1 }));
    expect(acted.item).toMatchObject({ state: 'hidden', version: 2 });
    expect(await redacted).toMatchObject({ status: 'hidden', body: null, removedBy: 'moderator' });
    expect(await emit(teacher, 'moderation:act', { kind: 'chatMessage', itemId: message.id, spaceId: roomId, action: 'restore', reasonCode: 'erreur', version: 1 })).toMatchObject({ ok: false, code: 'CONFLICT' });
    for (const socket of [pupil, classmate, teacher]) socket.close();
  });

  it('lists pending messages of a pre-moderated room and approves them from the console', async () => {
    const created = await world.browsers.teacher.post<{ id: string }>('/api/spaces', { kind: 'chat', title: 'Modéré', scope: { kind: 'class', classId: world.classId }, settings: { preModeration: true } });
    const moderated = created.body.id;
    const { socket: pupil } = await inRoom(server, world.browsers.pupil, moderated);
    const { socket: teacher } = await inRoom(server, world.browsers.teacher, moderated);
    const message = await send(pupil, moderated, 'Bonjour ?');
    const opened = ok(await emit<{ pending: ModeratedItemView[] }>(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: moderated } }));
    expect(opened.pending.map((item) => item.id)).toEqual([message.id]);
    ok(await emit(teacher, 'moderation:act', { kind: 'chatMessage', itemId: message.id, spaceId: moderated, action: 'approve', reasonCode: 'autre', version: 1 }));
    const { joined } = await inRoom(server, world.browsers.pupilModerator, moderated);
    expect(joined.messages.map((m) => m.body)).toEqual(['Bonjour ?']);
    for (const socket of [pupil, teacher]) socket.close();
  });
});
