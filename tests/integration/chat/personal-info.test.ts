import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatHistoryPage, ChatMessageView } from '../../../shared/chat/types';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { auditTotal, collect, emit, inRoom, newRoom, nextEvent, ok, send, type JoinAnswer } from './support';

/**
 * The personal-information guard (issue 11): « Envoyer quand même » on a phone number must not publish it to the
 * class and the parents. The server holds the message for a teacher's review, whatever the client did: only its
 * author and the teacher receive it, flagged, and the console lists it in « À relire » at once. A pupil
 * moderator neither reads nor publishes it; the teacher can.
 */
describe('a pupil’s phone number is held for a teacher, not published', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let roomId: string;
  let lea: Socket;
  let classmate: Socket;
  let parent: Socket;
  let moderator: Socket;
  let teacher: Socket;

  const historyOf = async (socket: Socket) => ok(await emit<ChatHistoryPage>(socket, 'chat:history', { roomId })).messages;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    // Not pre-moderated, and opened to parents: without the guard, everyone would read it at once.
    roomId = await newRoom(world.browsers.teacher, world.classId, { parentsRead: true }, 'Salon de la classe');
    await designateModerator(world, roomId);
    lea = (await inRoom(server, world.browsers.pupil, roomId)).socket;
    classmate = (await inRoom(server, await signedIn(server, 'chloe.nguyen'), roomId)).socket;
    parent = (await inRoom(server, world.browsers.parent, roomId)).socket;
    moderator = (await inRoom(server, world.browsers.pupilModerator, roomId)).socket;
    teacher = (await inRoom(server, world.browsers.teacher, roomId)).socket;
    ok(await emit(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } }));
  });
  afterAll(async () => {
    for (const socket of [lea, classmate, parent, moderator, teacher]) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('tells each viewer whether the guard holds what they send (the composer warns them so)', async () => {
    const mine = async (socket: Socket) => ok(await emit<JoinAnswer>(socket, 'chat:join', { roomId })).me.personalInfoHeld;
    expect([await mine(lea), await mine(moderator), await mine(teacher), await mine(parent)]).toEqual([true, true, false, false]);
  });

  it('sent anyway: classmates and parents get nothing; the teacher’s « À relire » gets it flagged; a pupil moderator cannot approve it; the teacher does', async () => {
    const heard = { classmate: collect<ChatMessageView>(classmate, 'chat:message'), parent: collect<ChatMessageView>(parent, 'chat:message') };
    const toConsole = nextEvent<ModeratedItemView>(teacher, 'moderation:item', (item) => item.excerpt.includes('06 12'));
    const toTeacher = nextEvent<ChatMessageView>(teacher, 'chat:message', (m) => m.body?.includes('06 12') ?? false);
    const held = await send(lea, roomId, 'Appelle-moi au 06 12 34 56 78');
    // The ack tells the author it waits for a teacher (the client says so in words a child understands).
    expect(held).toMatchObject({ status: 'pending', personalInfo: true, body: 'Appelle-moi au 06 12 34 56 78' });
    expect(await toTeacher).toMatchObject({ status: 'pending', personalInfo: true, pii: ['phone'] });
    const item = await toConsole;
    expect(item).toMatchObject({ state: 'pending', personalInfo: true });
    expect(item.actions).toEqual(expect.arrayContaining(['approve', 'delete']));
    const opened = ok(await emit<{ pending: ModeratedItemView[] }>(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: roomId } }));
    expect(opened.pending.find((pending) => pending.id === held.id)).toMatchObject({ personalInfo: true });
    // Nobody else received it, nor finds it in the history.
    await send(teacher, roomId, 'Message suivant du professeur');
    await expect.poll(() => heard.parent.length).toBe(1);
    for (const list of Object.values(heard)) expect(list.filter((m) => m.id === held.id)).toEqual([]);
    for (const socket of [classmate, parent]) expect((await historyOf(socket)).find((m) => m.id === held.id)).toBeUndefined();

    // A pupil moderator does not read it (a classmate's personal information is for a teacher) nor publish it,
    // from the menu or the console.
    expect((await historyOf(moderator)).find((m) => m.id === held.id)).toBeUndefined();
    const before = await auditTotal(world.browsers.director, 'event=access.denied');
    expect(await emit(moderator, 'chat:moderate', { roomId, messageId: held.id, action: 'approve' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await emit(moderator, 'moderation:act', { kind: 'chatMessage', itemId: held.id, spaceId: roomId, action: 'approve', reasonCode: 'autre', version: item.version })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 2);

    // The teacher decides: everyone gets it.
    const delivered = Promise.all([classmate, parent].map((socket) => nextEvent<ChatMessageView>(socket, 'chat:updated', (m) => m.id === held.id)));
    ok(await emit(teacher, 'chat:moderate', { roomId, messageId: held.id, action: 'approve' }));
    for (const seen of await delivered) expect(seen).toMatchObject({ status: 'published', body: 'Appelle-moi au 06 12 34 56 78', personalInfo: false });
  });

  it('an edit adding personal information to a published message is held too: others keep the published text', async () => {
    const message = await send(lea, roomId, 'On se retrouve où ?');
    expect(message.status).toBe('published');
    const heard = collect<ChatMessageView>(classmate, 'chat:updated');
    const toConsole = nextEvent<ModeratedItemView>(teacher, 'moderation:item', (item) => item.id === message.id && item.pendingEdit);
    const changed = ok(await emit<{ message: ChatMessageView }>(lea, 'chat:edit', { roomId, messageId: message.id, body: 'Chez moi, 12 rue des Lilas' })).message;
    expect(changed).toMatchObject({ body: 'On se retrouve où ?', pendingBody: 'Chez moi, 12 rue des Lilas', personalInfo: true });
    expect(await toConsole).toMatchObject({ personalInfo: true, pendingEdit: true });
    expect((await historyOf(classmate)).find((m) => m.id === message.id)).toMatchObject({ body: 'On se retrouve où ?', pendingBody: null, personalInfo: false });
    expect(heard.filter((m) => m.id === message.id)).toEqual([]);
    // Editing it again does not lift the hold: only a teacher does.
    const again = ok(await emit<{ message: ChatMessageView }>(lea, 'chat:edit', { roomId, messageId: message.id, body: 'Devant l’école' })).message;
    expect(again).toMatchObject({ body: 'On se retrouve où ?', pendingBody: 'Devant l’école', personalInfo: true });
    expect(await emit(moderator, 'chat:moderate', { roomId, messageId: message.id, action: 'approve' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
