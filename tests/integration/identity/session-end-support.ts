/**
 * Support for the « a session ends, so do its live connections » attacks: one signed-in session of a user with
 * its raw Socket.IO connection (in the class chat) and its raw collab connection (on a pad), and the checks
 * that it can or can no longer write through either.
 */
import type { Socket } from 'socket.io-client';
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { ChatMessageView } from '../../../shared/chat/types';
import type { SessionSummary } from '../../../shared/identity/api';
import type { Ack } from '../../../shared/realtime/ack';
import { COLLAB_CLOSE } from '../../../shared/realtime/close-codes';
import { padDocumentName } from '../../../shared/pad/protocol';
import { Browser } from '../../helpers/http';
import type { TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { RawClient, addParagraph, eventually, serverText } from '../pad/support';

/** The bound the issue sets: an ended session's live connections are closed within this. */
export const LIVE_BOUND_MS = 2_000;

/** The pad and chat room every live session of a test connects to. */
export interface Places {
  padId: string;
  roomId: string;
}

/** One session of a user, with its open live connections. */
export interface LiveSession {
  login: string;
  browser: Browser;
  /** The session cookie as it was at sign-in (kept by the attacker after the browser dropped it). */
  cookie: string;
  sessionId: string;
  socket: Socket;
  collab: RawClient;
  /** When the socket was disconnected by the server (null while open). */
  socketClosedAt: () => number | null;
  /** When the collab connection was closed (null while open), and with which code. */
  collabClosed: () => { at: number; code: number } | null;
}

function emit<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 5_000): Promise<Ack<T>> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** Signs a user in (a new session), then opens a raw socket in the chat room and a raw collab connection. */
export async function openLiveSession(server: TestServer, login: string, places: Places): Promise<LiveSession> {
  const browser = await signedIn(server, login);
  const sessions = await browser.get<SessionSummary[]>('/api/me/sessions');
  const sessionId = sessions.body.find((session) => session.current)!.id;
  const socket = await openSocket(server, browser);
  let socketClosedAt: number | null = null;
  socket.on('disconnect', () => (socketClosedAt ??= Date.now()));
  const joined = await emit(socket, 'chat:join', { roomId: places.roomId });
  if (!joined.ok) throw new Error(`chat:join failed: ${joined.code}`);
  const collab = RawClient.connect(server, browser, padDocumentName(places.padId));
  await collab.opened;
  let collabClosed: { at: number; code: number } | null = null;
  void collab.closed.then(({ code }) => (collabClosed = { at: Date.now(), code }));
  return { login, browser, cookie: browser.cookieHeader, sessionId, socket, collab, socketClosedAt: () => socketClosedAt, collabClosed: () => collabClosed };
}

/** A paragraph as a raw client would send it: a fresh Yjs client, one update. */
function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  addParagraph(doc, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** A chat message through the raw socket; resolves with whether the server stored it (an ack `ok`). */
export async function trySend(live: LiveSession, roomId: string, body: string, timeoutMs = 1_500): Promise<boolean> {
  try {
    const answer = await emit<{ message: ChatMessageView }>(live.socket, 'chat:send', { roomId, key: crypto.randomUUID(), body }, timeoutMs);
    return answer.ok;
  } catch {
    return false; // No ack: the socket is gone.
  }
}

/** The bodies of the room's last messages, as a reader with a live session sees them. */
export async function roomBodies(reader: LiveSession, roomId: string): Promise<string[]> {
  const answer = await emit<{ messages: ChatMessageView[] }>(reader.socket, 'chat:join', { roomId });
  if (!answer.ok) throw new Error(`chat:join failed: ${answer.code}`);
  return answer.data.messages.map((message) => message.body ?? '');
}

/** Sends a raw pad write (ignored silently if the socket is already closing). */
export function sendPadWrite(live: LiveSession, text: string): void {
  if (live.collab.ws.readyState === live.collab.ws.OPEN) live.collab.sendUpdate(paragraphUpdate(text));
}

/** Proves a session's live connections work: a chat message and a pad paragraph, both stored. */
export async function expectWorking(server: TestServer, live: LiveSession, places: Places): Promise<void> {
  const marker = `vivant ${live.login} ${crypto.randomUUID().slice(0, 8)}`;
  expect(await trySend(live, places.roomId, marker, 5_000)).toBe(true);
  sendPadWrite(live, marker);
  await eventually(async () => (await serverText(server, live.browser, places.padId)).includes(marker), `pad write of ${live.login} stored`);
  expect(live.socketClosedAt()).toBeNull();
  expect(live.collabClosed()).toBeNull();
}

/**
 * The attack after the session ended (`endedAt`: when the server answered the ending request): the raw socket
 * and the raw collab connection try to write at once, and again with the kept cookie. Both connections are
 * closed within the bound, the collab one with UNAUTHENTICATED; nothing they sent is stored (checked through
 * `witness`, a live session that was not ended).
 */
export async function expectCut(server: TestServer, live: LiveSession, witness: LiveSession, places: Places, endedAt: number): Promise<void> {
  const marker = `fantome ${live.login} ${crypto.randomUUID().slice(0, 8)}`;
  sendPadWrite(live, marker);
  const sent = await trySend(live, places.roomId, marker);

  await eventually(() => live.socketClosedAt() !== null, 'the ended session’s socket is disconnected', LIVE_BOUND_MS + 1_000);
  await eventually(() => live.collabClosed() !== null, 'the ended session’s collab connection is closed', LIVE_BOUND_MS + 1_000);
  expect(live.socketClosedAt()! - endedAt).toBeLessThanOrEqual(LIVE_BOUND_MS);
  expect(live.collabClosed()!.at - endedAt).toBeLessThanOrEqual(LIVE_BOUND_MS);
  expect(live.collabClosed()!.code).toBe(COLLAB_CLOSE.UNAUTHENTICATED);
  expect(sent).toBe(false);

  // With the cookie kept, neither reconnects.
  const thief = new Browser(server.url);
  for (const pair of live.cookie.split('; ')) {
    const eq = pair.indexOf('=');
    thief.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  expect((await thief.get('/api/me')).status).toBe(401);
  await expect(openSocket(server, thief)).rejects.toThrow(/UNAUTHENTICATED/);
  const again = RawClient.connect(server, thief, padDocumentName(places.padId));
  expect((await again.closed).code).toBe(COLLAB_CLOSE.UNAUTHENTICATED);

  expect(await roomBodies(witness, places.roomId)).not.toContain(marker);
  expect(await serverText(server, witness.browser, places.padId)).not.toContain(marker);
}

/** Closes what is left of a live session. */
export function closeLive(live: LiveSession): void {
  live.socket.close();
  live.collab.ws.terminate();
}
