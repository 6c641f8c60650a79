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
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}
