import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatHistoryPage, ChatMessageView } from '../../../shared/chat/types';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { collect, emit, inRoom, newRoom, nextEvent, ok, send } from './support';

/**
 * Pre-moderation holds every change, not only the first publication (issue 11): in a pre-moderated room, a
 * pupil's edit of an approved message waits for review, while classmates and parents keep the approved text,
 * within the edit window too; the moderators' console gets the change at once; approving publishes it,
 * rejecting keeps the approved text.
 */
describe('pre-moderation holds every change', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let roomId: string;
  let lea: Socket;
  let classmate: Socket;
  let parent: Socket;
  let teacher: Socket;
  const sockets: Socket[] = [];

  const historyOf = async (socket: Socket, id: string) => ok(await emit<ChatHistoryPage>(socket, 'chat:history', { roomId })).messages.find((m) => m.id === id);
  const edit = (socket: Socket, messageId: string, body: string) => emit<{ message: ChatMessageView }>(socket, 'chat:edit', { roomId, messageId, body });
  /** A message of Léa's, approved by the teacher: everyone sees it. */
  async function approved(body: string): Promise<ChatMessageView> {
    const message = await send(lea, roomId, body);
    expect(message.status).toBe('pending');
    // Everyone who reads the room hears the approval before the test goes on (a later check collects what they hear).
    const seen = [classmate, parent].map((socket) => nextEvent<ChatMessageView>(socket, 'chat:updated', (m) => m.id === message.id));
    ok(await emit(teacher, 'chat:moderate', { roomId, messageId: message.id, action: 'approve' }));
    for (const heard of await Promise.all(seen)) expect(heard).toMatchObject({ status: 'published', body });
    return message;
  }

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    // Opened to parents, so that what parents would see is part of the test.
    roomId = await newRoom(world.browsers.teacher, world.classId, { preModeration: true, parentsRead: true }, 'Salon modéré');
    lea = (await inRoom(server, world.browsers.pupil, roomId)).socket;
    classmate = (await inRoom(server, await signedIn(server, 'chloe.nguyen'), roomId)).socket;
    parent = (await inRoom(server, world.browsers.parent, roomId)).socket;
    teacher = (await inRoom(server, world.browsers.teacher, roomId)).socket;
    sockets.push(lea, classmate, parent, teacher);
    ok(await emit(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } }));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('a pupil edits an approved message: others keep the approved text; the console gets the change; approve publishes it', async () => {
    const message = await approved('Rendez-vous à la bibliothèque');
    const othersHeard = [collect<ChatMessageView>(classmate, 'chat:updated'), collect<ChatMessageView>(parent, 'chat:updated')];
    const toConsole = nextEvent<ModeratedItemView>(teacher, 'moderation:item', (item) => item.id === message.id && item.pendingEdit);
    const toTeacher = nextEvent<ChatMessageView>(teacher, 'chat:updated', (m) => m.id === message.id);
    const held = ok(await edit(lea, message.id, 'Rendez-vous derrière le gymnase')).message;
    // The author sees their change, marked as waiting; the approved text stays what others read.
    expect(held).toMatchObject({ status: 'published', body: 'Rendez-vous à la bibliothèque', pendingBody: 'Rendez-vous derrière le gymnase' });
    expect(await toTeacher).toMatchObject({ body: 'Rendez-vous à la bibliothèque', pendingBody: 'Rendez-vous derrière le gymnase' });
    const item = await toConsole;
    expect(item).toMatchObject({ state: 'visible', pendingEdit: true, pendingExcerpt: 'Rendez-vous derrière le gymnase', excerpt: 'Rendez-vous à la bibliothèque' });
    expect(item.actions).toEqual(expect.arrayContaining(['approve', 'reject']));
    const opened = ok(await emit<{ pending: ModeratedItemView[] }>(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } }));
    expect(opened.pending.map((pending) => pending.id)).toContain(message.id);
    for (const socket of [classmate, parent]) expect(await historyOf(socket, message.id)).toMatchObject({ body: 'Rendez-vous à la bibliothèque', pendingBody: null, edited: false });
    for (const heard of othersHeard) expect(heard.filter((m) => m.body?.includes('gymnase') || m.pendingBody !== null)).toEqual([]);

    const published = Promise.all([classmate, parent].map((socket) => nextEvent<ChatMessageView>(socket, 'chat:updated', (m) => m.id === message.id)));
    ok(await emit(teacher, 'moderation:act', { kind: 'chatMessage', itemId: message.id, spaceId: roomId, action: 'approve', reasonCode: 'autre', version: item.version }));
    for (const seen of await published) expect(seen).toMatchObject({ body: 'Rendez-vous derrière le gymnase', edited: true, pendingBody: null });
  });

  it('reject keeps the approved text for everyone, and drops the change', async () => {
    const message = await approved('Bonjour à tous');
    const othersHeard = [collect<ChatMessageView>(classmate, 'chat:updated'), collect<ChatMessageView>(parent, 'chat:updated')];
    ok(await edit(lea, message.id, 'Un texte que la classe ne doit pas lire'));
    const toAuthor = nextEvent<ChatMessageView>(lea, 'chat:updated', (m) => m.id === message.id && m.pendingBody === null);
    ok(await emit(teacher, 'chat:moderate', { roomId, messageId: message.id, action: 'reject', reasonCode: 'hors_sujet' }));
    expect(await toAuthor).toMatchObject({ body: 'Bonjour à tous', pendingBody: null });
    for (const socket of [classmate, parent, teacher]) expect(await historyOf(socket, message.id)).toMatchObject({ body: 'Bonjour à tous', pendingBody: null, status: 'published' });
    for (const heard of othersHeard) expect(heard.filter((m) => m.id === message.id)).toEqual([]);
  });

  it('editing within the edit window does not publish (the window is no way around review)', async () => {
    const message = await approved('Premier jet');
    const before = await historyOf(classmate, message.id);
    // Twice, quickly: still within the window, and still waiting, each text kept for the moderators.
    ok(await edit(lea, message.id, 'Deuxième jet'));
    const held = ok(await edit(lea, message.id, 'Troisième jet')).message;
    expect(held.pendingBody).toBe('Troisième jet');
    expect(await historyOf(classmate, message.id)).toEqual(before);
    expect(await historyOf(parent, message.id)).toMatchObject({ body: 'Premier jet', pendingBody: null });
    // Editing a message still waiting for its first review replaces the text waiting; it stays unpublished.
    const waiting = await send(lea, roomId, 'Pas encore relu');
    const replaced = ok(await edit(lea, waiting.id, 'Pas encore relu, corrigé')).message;
    expect(replaced).toMatchObject({ status: 'pending', body: 'Pas encore relu, corrigé' });
    expect(await historyOf(classmate, waiting.id)).toBeUndefined();
  });

  it('a pupil moderator’s own messages and changes are pre-moderated like everyone’s', async () => {
    const response = await world.browsers.teacher.post(`/api/spaces/${roomId}/moderators`, { userId: world.ids.pupilModerator });
    expect(response.status).toBe(200);
    const { socket: moderator } = await inRoom(server, world.browsers.pupilModerator, roomId);
    sockets.push(moderator);
    const own = await send(moderator, roomId, 'Message du modérateur');
    expect(own.status).toBe('pending');
    expect(await historyOf(classmate, own.id)).toBeUndefined();
    ok(await emit(teacher, 'chat:moderate', { roomId, messageId: own.id, action: 'approve' }));
    const changed = ok(await edit(moderator, own.id, 'Message du modérateur, modifié')).message;
    expect(changed.pendingBody).toBe('Message du modérateur, modifié');
    expect(await historyOf(classmate, own.id)).toMatchObject({ body: 'Message du modérateur', pendingBody: null });
    // Approving their own change is a teacher's decision.
    expect(await emit(moderator, 'chat:moderate', { roomId, messageId: own.id, action: 'approve' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('the teacher’s own edits are published at once (they run the room)', async () => {
    const own = await send(teacher, roomId, 'Consigne');
    expect(own.status).toBe('published');
    const seen = nextEvent<ChatMessageView>(classmate, 'chat:updated', (m) => m.id === own.id);
    ok(await edit(teacher, own.id, 'Consigne corrigée'));
    expect(await seen).toMatchObject({ body: 'Consigne corrigée', pendingBody: null });
  });
});
