import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatHistoryPage, ChatMessageView } from '../../../shared/chat/types';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { auditTotal, emit, inRoom, newRoom, ok, send } from './support';

/**
 * Attacks of a hostile pupil moderator on the chat (issue 11): re-publishing what a teacher removed, and
 * approving their own message, from the console (`moderation:act`) and from the chat's menu (`chat:moderate`).
 * Each is refused by the policy table at the edge (FORBIDDEN, audited), and the message stays as it was.
 */
describe('a pupil moderator cannot re-publish what a teacher removed, nor approve their own message', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let roomId: string;
  let teacher: Socket;
  let moderator: Socket;
  let pupil: Socket;

  const act = (socket: Socket, messageId: string, action: string, version: number) =>
    emit<{ item: ModeratedItemView }>(socket, 'moderation:act', { kind: 'chatMessage', itemId: messageId, spaceId: roomId, action, reasonCode: 'autre', version });
  const menu = (socket: Socket, messageId: string, action: string) => emit<{ message: ChatMessageView }>(socket, 'chat:moderate', { roomId, messageId, action });
  const teacherView = async (messageId: string): Promise<ChatMessageView | undefined> =>
    ok(await emit<ChatHistoryPage>(teacher, 'chat:history', { roomId })).messages.find((m) => m.id === messageId);
  /** Both attacks are refused, each with its denial in the audit log, and leave the message as it was. */
  async function bothRefused(messageId: string, version: number): Promise<void> {
    const before = await auditTotal(world.browsers.director, 'event=access.denied');
    const status = (await teacherView(messageId))?.status;
    expect(await act(moderator, messageId, 'approve', version)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await menu(moderator, messageId, 'approve')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 2);
    expect((await teacherView(messageId))?.status).toBe(status);
  }

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    roomId = await newRoom(world.browsers.teacher, world.classId, { preModeration: true }, 'Salon modéré');
    await designateModerator(world, roomId);
    teacher = (await inRoom(server, world.browsers.teacher, roomId)).socket;
    moderator = (await inRoom(server, world.browsers.pupilModerator, roomId)).socket;
    pupil = (await inRoom(server, world.browsers.pupil, roomId)).socket;
  });
  afterAll(async () => {
    for (const socket of [teacher, moderator, pupil]) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('a message a teacher hid: approve is refused, from the console and from the menu', async () => {
    const message = await send(pupil, roomId, 'Tu es nul');
    ok(await menu(teacher, message.id, 'approve'));
    const hidden = ok(await act(teacher, message.id, 'hide', 2)).item;
    expect(hidden.state).toBe('hidden');
    await bothRefused(message.id, hidden.version);
    expect(await act(moderator, message.id, 'restore', hidden.version)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a message a teacher deleted: approve is refused, from the console and from the menu', async () => {
    const message = await send(pupil, roomId, 'Encore un message méchant');
    const deleted = ok(await act(teacher, message.id, 'delete', 1)).item;
    expect(deleted.state).toBe('deleted');
    await bothRefused(message.id, deleted.version);
  });

  it('their own message waits for review like everyone’s, and they cannot approve it', async () => {
    const own = await send(moderator, roomId, 'Mon message de modérateur');
    expect(own.status).toBe('pending');
    expect(ok(await emit<ChatHistoryPage>(pupil, 'chat:history', { roomId })).messages.find((m) => m.id === own.id)).toBeUndefined();
    await bothRefused(own.id, 1);
    // What is theirs to do: approve someone else's first publication.
    const other = await send(pupil, roomId, 'Bonjour la classe');
    expect(ok(await menu(moderator, other.id, 'approve')).message.status).toBe('published');
  });

  it('a teacher approving what a teacher hid is a conflict, not a re-publication (the transition table)', async () => {
    const message = await send(pupil, roomId, 'Message masqué');
    ok(await menu(teacher, message.id, 'approve'));
    ok(await menu(teacher, message.id, 'hide'));
    expect(await menu(teacher, message.id, 'approve')).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((await teacherView(message.id))?.status).toBe('hidden');
  });
});
