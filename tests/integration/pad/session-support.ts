/**
 * The editor's own collab client (client/src/features/pad/session.ts, what PadPage runs) in Node, over real
 * WebSockets with a browser's session cookie, optionally behind artificial latency.
 */
import type WebSocket from 'ws';
import { PadSession, type PadCollabState } from '../../../client/src/features/pad/session';
import type { Browser } from '../../helpers/http';
import type { TestServer } from '../../helpers/server';
import { cookieWebSocket } from './support';

/**
 * A WebSocket class carrying a browser's cookie whose frames take `latencyMs` each way (sent frames, received
 * frames and the close, in order), as on a slow school network: the members y-websocket uses, over a real socket.
 */
export function slowWebSocket(server: TestServer, browser: Browser, latencyMs: number): typeof WebSocket {
  const Base = cookieWebSocket(server, browser);
  if (latencyMs <= 0) return Base;
  const later = (run: () => void) => setTimeout(run, latencyMs);
  class SlowWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly OPEN = 1;
    onopen: ((event: unknown) => void) | null = null;
    onmessage: ((event: unknown) => void) | null = null;
    onclose: ((event: unknown) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    private readonly socket: WebSocket;

    constructor(url: string, protocols?: string | string[]) {
      this.socket = new Base(url, protocols);
      this.socket.onopen = (event) => later(() => this.onopen?.(event));
      this.socket.onmessage = (event) => later(() => this.onmessage?.(event));
      this.socket.onclose = (event) => later(() => this.onclose?.(event));
      this.socket.onerror = (event) => this.onerror?.(event);
    }

    get readyState(): number {
      return this.socket.readyState;
    }

    set binaryType(type: 'arraybuffer' | 'nodebuffer') {
      this.socket.binaryType = type;
    }

    send(data: Uint8Array): void {
      later(() => this.socket.readyState === this.socket.OPEN && this.socket.send(data));
    }

    close(code?: number, reason?: string): void {
      this.socket.close(code, reason);
    }
  }
  return SlowWebSocket as unknown as typeof WebSocket;
}

/** The page's collab session for this browser's user on a pad. */
export function openSession(server: TestServer, browser: Browser, spaceId: string, options: { latencyMs?: number } = {}): PadSession {
  const session = new PadSession({
    serverUrl: server.url.replace('http', 'ws') + '/collab',
    spaceId,
    user: { name: 'test', color: '#000000' },
    WebSocketPolyfill: slowWebSocket(server, browser, options.latencyMs ?? 0) as unknown as typeof globalThis.WebSocket,
    maxBackoffTime: 300,
  });
  session.connect();
  return session;
}

/** Whether the editor of this state accepts typing (what PadPage computes). */
export function editable(state: PadCollabState): boolean {
  return state.collab !== null && state.access?.mode === 'write' && state.closedCode === null && !state.resyncing;
}
