import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { COLLAB_CLOSE, COLLAB_PATH_PREFIX, type CollabCloseCode } from '../shared/realtime/close-codes';
import { COLLAB_MAX_MESSAGE_BYTES } from '../shared/limits';
import type { Logger } from '../server/logger';
import type { OriginPolicy } from '../server/http/origins';

/** Why a connection was refused: a close code from `shared/` and a short reason. */
export interface CollabRefusal {
  code: CollabCloseCode;
  reason: string;
}

/** What `onAuthenticate` decides for one connection. */
export type AuthenticateResult = { ok: true; userId: string; readOnly: boolean } | ({ ok: false } & CollabRefusal);

/**
 * Lifecycle hooks, shaped like Hocuspocus's: behaviour is added by hooks, the core stays small.
 * The Pad issue adds onLoadDocument, onChange and onStoreDocument.
 */
export interface CollabHooks {
  onAuthenticate(request: IncomingMessage, documentName: string): Promise<AuthenticateResult>;
}


export interface CollabServer {
  /** Handles an HTTP upgrade whose path starts with `/collab/`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection with a reconnect hint. */
  close(): Promise<void>;
  /** Closes every connection of one user (suspension, sign-out everywhere) with the given code. */
  disconnectUser(userId: string, code: CollabCloseCode, reason: string): void;
  readonly connectionCount: number;
}

/** Names are limited to a safe alphabet so they can key storage and logs. */
const DOCUMENT_NAME = /^[A-Za-z0-9:_-]{1,128}$/;

/** The document name in `/collab/<docName>?query`, or undefined when malformed. */
export function documentNameFromUrl(url: string | undefined): string | undefined {
  if (!url?.startsWith(COLLAB_PATH_PREFIX)) return undefined;
  const name = decodeURIComponent(url.slice(COLLAB_PATH_PREFIX.length).split('?')[0] ?? '');
  return DOCUMENT_NAME.test(name) ? name : undefined;
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The collab WebSocket endpoint, on `ws` in noServer mode so it shares the HTTP port. */
export function createCollabServer(options: { origins: OriginPolicy; logger: Logger; hooks: CollabHooks }): CollabServer {
  const { origins, logger, hooks } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: COLLAB_MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const byUser = new Map<string, Set<WebSocket>>();

  function accept(ws: WebSocket, request: IncomingMessage, documentName: string): void {
    ws.on('error', (error) => logger.debug({ err: error, documentName }, 'collab socket error'));
    hooks
      .onAuthenticate(request, documentName)
      .then((result) => {
        if (!result.ok) {
          ws.close(result.code, result.reason);
          return;
        }
        const mine = byUser.get(result.userId) ?? new Set<WebSocket>();
        mine.add(ws);
        byUser.set(result.userId, mine);
        ws.once('close', () => {
          mine.delete(ws);
          if (mine.size === 0) byUser.delete(result.userId);
        });
        // The document protocol arrives with the Pad issue; until then an authenticated connection is idle.
      })
      .catch((error: unknown) => {
        logger.error({ err: error, documentName }, 'collab authentication failed');
        ws.close(COLLAB_CLOSE.UNAUTHENTICATED, 'authentication failed');
      });
  }

  return {
    handleUpgrade(request, socket, head) {
      socket.on('error', () => socket.destroy());
      if (!origins.isAllowed(request.headers.origin)) {
        logger.warn({ origin: request.headers.origin }, 'collab upgrade refused: foreign origin');
        refuseUpgrade(socket, 403, 'Forbidden');
        return;
      }
      const documentName = documentNameFromUrl(request.url);
      if (!documentName) {
        refuseUpgrade(socket, 400, 'Bad Request');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, documentName));
    },
    async close() {
      for (const client of wss.clients) client.close(COLLAB_CLOSE.SERVICE_RESTART, 'server restarting');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    disconnectUser(userId, code, reason) {
      for (const ws of byUser.get(userId) ?? []) ws.close(code, reason);
    },
    get connectionCount() {
      return wss.clients.size;
    },
  };
}
