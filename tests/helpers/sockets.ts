import { io as connect, type Socket } from 'socket.io-client';
import { demoAccount } from './demo';
import { Browser } from './http';
import type { TestServer } from './server';

/** Signs a demo account in (accepting its charter) and returns its browser-like client. */
export async function signedIn(server: TestServer, login: string, options: ConstructorParameters<typeof Browser>[1] = {}): Promise<Browser> {
  const account = demoAccount(server.dataDir, login);
  const browser = new Browser(server.url, options);
  const answer = await browser.login(account.login, account.password);
  if (answer.status !== 200) throw new Error(`sign-in of ${login} failed: ${answer.status}`);
  await browser.acceptCharters();
  return browser;
}

/** Opens a Socket.IO connection with a browser's cookies; rejects with the handshake error. */
export function openSocket(
  server: TestServer,
  browser: Browser | null,
  options: { origin?: string; transport?: 'websocket' | 'polling' } = {},
): Promise<Socket> {
  const headers: Record<string, string> = {};
  if (browser) headers.Cookie = browser.cookieHeader;
  if (options.origin) headers.Origin = options.origin;
  const socket = connect(server.url, { transports: [options.transport ?? 'websocket'], reconnection: false, extraHeaders: headers });
  // A wall's changes may come several in one frame (`wall:changes`): each entry goes to its own event's listeners, as
  // the wall page applies them, so tests listen to `wall:card`… whatever the batching.
  socket.on('wall:changes', (changes: { event: string; data: unknown }[]) => {
    for (const change of changes) for (const listener of socket.listeners(change.event)) (listener as (data: unknown) => void)(change.data);
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Resolves with the first `event` whose payload matches, or rejects after `timeoutMs`. */
export function nextEvent<T>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T): void => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Collects every payload of an event on a socket, in arrival order. */
export function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}
