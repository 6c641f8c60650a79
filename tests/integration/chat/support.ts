import type { Socket } from 'socket.io-client';
import type { ChatHistoryPage, ChatMe, ChatMessageView, ChatMuteView, ChatRoomSummary } from '../../../shared/chat/types';
import type { Ack } from '../../../shared/realtime/ack';
import type { Browser, HttpAnswer } from '../../helpers/http';
import type { TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { openTestStore } from '../../helpers/store';

/** Emits an event and resolves with its ack. */
export function emit<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(5_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** The ack's data, or a failure naming the code. */
export function ok<T>(answer: Ack<T>): T {
  if (!answer.ok) throw new Error(`expected ok, got ${answer.code}: ${answer.message}`);
  return answer.data;
}

export { collect, nextEvent } from '../../helpers/sockets';

/**
 * The server options of chat tests that send many messages: the per-user flood control (`chatWrite`, tested in
 * `tests/integration/platform/rate-limits.test.ts` and `rules.test.ts`) is raised rather than waited for.
 */
export const CHAT_TEST_SERVER = { env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: 100_000, durationSeconds: 60 } }) } };

export type JoinAnswer = ChatHistoryPage & { me: ChatMe; mutes: ChatMuteView[] };

/** A signed-in user's socket in a room: joined for presence (`space:join`) and for the chat (`chat:join`). */
export async function inRoom(server: TestServer, browser: Browser, roomId: string): Promise<{ socket: Socket; joined: JoinAnswer }> {
  const socket = await openSocket(server, browser);
  ok(await emit(socket, 'space:join', { spaceId: roomId }));
  const joined = ok(await emit<JoinAnswer>(socket, 'chat:join', { roomId }));
  return { socket, joined };
}

/** Opens (or gets) the class room as a teacher. */
export async function openClassRoom(teacher: Browser, classId: string): Promise<ChatRoomSummary> {
  const answer = await teacher.post<ChatRoomSummary>(`/api/chat/classes/${classId}/room`);
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`opening the class room failed: ${answer.status}`);
  return answer.body;
}

/**
 * Changes a room's settings as a teacher would from the settings form: loaded first, then saved with the version
 * it was loaded from (`PATCH /api/spaces/:id` refuses a change without it, and a stale one with CONFLICT).
 */
export async function patchRoom(browser: Browser, roomId: string, changes: Record<string, unknown>): Promise<HttpAnswer<{ version: number }>> {
  const loaded = await browser.get<{ version: number }>(`/api/spaces/${roomId}`);
  if (loaded.status !== 200) throw new Error(`loading the room failed: ${loaded.status}`);
  return browser.send<{ version: number }>('PATCH', `/api/spaces/${roomId}`, { ...changes, version: loaded.body.version });
}

/** A new room of the class with these settings (each test its own, so settings and mutes never leak). */
export async function newRoom(teacher: Browser, classId: string, settings: Record<string, unknown> = {}, title = 'Salon'): Promise<string> {
  const answer = await teacher.post<ChatRoomSummary>('/api/spaces', { kind: 'chat', title, scope: { kind: 'class', classId }, settings });
  if (answer.status !== 201) throw new Error(`room creation failed: ${answer.status}`);
  return answer.body.id;
}

/** Sends a message and returns the stored one. */
export async function send(socket: Socket, roomId: string, body: string): Promise<ChatMessageView> {
  return ok(await emit<{ message: ChatMessageView }>(socket, 'chat:send', { roomId, key: crypto.randomUUID(), body })).message;
}

/** The number of audit entries matching a query (read by the director). */
export async function auditTotal(director: Browser, query: string): Promise<number> {
  const answer = await director.get<{ total: number }>(`/api/audit?pageSize=1&${query}`);
  if (answer.status !== 200) throw new Error(`audit read failed: ${answer.status}`);
  return answer.body.total;
}

export async function auditItems<T = { reason: string | null; target: { id: string } }>(director: Browser, query: string): Promise<T[]> {
  return (await director.get<{ items: T[] }>(`/api/audit?pageSize=200&${query}`)).body.items;
}

/**
 * Moves a stored document back in time, as if it had been written `ms` ago: edit windows are minutes long,
 * and a test cannot wait for them. Written through the port into the server's own store (the same SQLite file,
 * WAL mode allows a second writer process, or its MongoDB database); the server keeps no cache of documents, so
 * its next read sees the change.
 */
export async function ageDocument(server: TestServer, collection: string, id: string, ms: number): Promise<void> {
  const store = await openTestStore(server.dataDir);
  try {
    const docs = store.collection<{ _id: string; createdAt: number }>(collection);
    const doc = await docs.findOne({ _id: id });
    if (!doc) throw new Error(`no ${collection} ${id}`);
    await docs.updateOne({ _id: id }, { $set: { createdAt: doc.createdAt - ms } });
  } finally {
    await store.close();
  }
}

/**
 * The stored documents of a collection matching a filter, read from the server's own store (as `ageDocument`):
 * what a test asserts is stored, not what an answer says.
 */
export async function storedDocs<T>(server: TestServer, collection: string, filter: Record<string, unknown>): Promise<T[]> {
  const store = await openTestStore(server.dataDir);
  try {
    return (await store.collection<T & { _id: string }>(collection).find(filter)) as T[];
  } finally {
    await store.close();
  }
}
