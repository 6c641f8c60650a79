import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { COLLAB_CLOSE, COLLAB_PATH_PREFIX } from '../shared/realtime/close-codes';
import { COLLAB_MAX_MESSAGE_BYTES } from '../shared/limits';
import { PAD_KEEPALIVE_MS, PAD_MAX_MESSAGES_BEFORE_READY, PAD_MAX_QUEUED_FRAMES, PAD_UNLOAD_GRACE_MS } from '../shared/pad/limits';
import { SYNC_STEP } from '../shared/pad/protocol';
import type { Logger } from '../server/logger';
import type { OriginPolicy } from '../server/http/origins';
import { CollabConnection } from './core/connection';
import { CollabDocument, syncFrame } from './core/document';
import { Flusher } from './core/flusher';
import type { CollabFanout } from './cluster/fanout';
import { clusterLinks } from './cluster/remote';
import { handleMessage, type MessageContext } from './core/messages';
import type { CollabHooks, CollabServer } from './hooks';

export type { CollabRefusal } from './core/types';
export type { AuthenticateResult, CollabHooks, CollabServer } from './hooks';
export { CollabConnection, type ConnectionAccess } from './core/connection';
export { CollabDocument } from './core/document';
export type { DocumentChanges } from './core/flusher';
export type { CollabFanout } from './cluster/fanout';

/** Names are limited to a safe alphabet so they can key storage and logs. */
const DOCUMENT_NAME = /^[A-Za-z0-9:_-]{1,128}$/;

/** The document name in `/collab/<docName>?query`, or undefined when malformed. */
export function documentNameFromUrl(url: string | undefined): string | undefined {
  if (!url?.startsWith(COLLAB_PATH_PREFIX)) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(url.slice(COLLAB_PATH_PREFIX.length).split('?')[0] ?? '');
  } catch {
    return undefined;
  }
  return DOCUMENT_NAME.test(name) ? name : undefined;
}

/** What the limiter answers when there is none. */
const ALLOWED = { ok: true } as const;

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The collab WebSocket endpoint, on `ws` in noServer mode so it shares the HTTP port. */
export function createCollabServer<C = unknown>(options: {
  origins: OriginPolicy;
  logger: Logger;
  hooks: CollabHooks<C>;
  /** How long a document stays in memory after its last connection leaves (PAD_UNLOAD_GRACE_MS by default). */
  unloadGraceMs?: number;
  /** Other nodes serve the same documents (collab/cluster/): updates and presence go through it. Alone without. */
  fanout?: CollabFanout;
}): CollabServer<C> {
  const { origins, logger, hooks, unloadGraceMs = PAD_UNLOAD_GRACE_MS, fanout } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: COLLAB_MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const documents = new Map<string, CollabDocument<C>>();
  const byUser = new Map<string, Set<CollabConnection<C>>>();
  /** The session each connection was opened with (`AuthenticateResult.sessionId`). */
  const sessionOf = new WeakMap<CollabConnection<C>, string>();
  let closing = false;
  const links = fanout
    ? clusterLinks<C>({ fanout, documents, catchUp: hooks.onCatchUp && ((document) => hooks.onCatchUp!({ document })), logger })
    : undefined;

  const flusher: Flusher<C> = new Flusher<C>(
    (batch) => hooks.onChange?.(batch) ?? Promise.resolve(),
    logger,
    (document) => {
      for (const connection of document.connections) if (!connection.readOnly) connection.close(COLLAB_CLOSE.TRY_AGAIN_LATER, 'store unavailable');
    },
    links?.share,
  );

  const messageContext: MessageContext<C> = {
    rateLimit: (name, userId, points) => hooks.rateLimit?.(name, userId, points) ?? ALLOWED,
    inspect: (document, update) => hooks.inspectUpdate?.({ document, update }) ?? { work: 0 },
    guard: (document, decoded) => hooks.beforeApplyUpdate?.({ document, decoded }) ?? null,
    refusedWrite: (document, connection) => hooks.onRefusedWrite?.({ document, connection }),
    presenceOf: (connection) => hooks.presence?.(connection) ?? {},
  };

  async function loadDocument(name: string): Promise<CollabDocument<C>> {
    for (;;) {
      const existing = documents.get(name);
      if (existing) {
        if (existing.unloading) {
          await existing.unloading.catch(() => undefined);
          continue;
        }
        await existing.ready;
        return existing;
      }
      const document = new CollabDocument<C>(name, (dirty) => flusher.mark(dirty));
      documents.set(name, document);
      if (fanout) {
        document.sharesAwareness = true;
        fanout.watch(name);
      }
      document.ready = (async () => {
        await hooks.onLoadDocument?.({ documentName: name, document });
        document.estimatedSize = Y.encodeStateAsUpdate(document.doc).byteLength;
      })();
      try {
        await document.ready;
      } catch (error) {
        documents.delete(name);
        fanout?.unwatch(name);
        document.destroy();
        throw error;
      }
      return document;
    }
  }

  function scheduleUnload(document: CollabDocument<C>): void {
    if (closing || document.connections.size > 0 || document.holds > 0 || document.unloading) return;
    clearTimeout(document.unloadTimer);
    document.unloadTimer = setTimeout(() => void unload(document), unloadGraceMs);
  }

  async function unload(document: CollabDocument<C>): Promise<void> {
    if (closing || document.connections.size > 0 || document.holds > 0 || document.unloading) return;
    document.unloading = (async () => {
      await flusher.durable(document);
      await hooks.onStoreDocument?.({ document, reason: 'unload' });
    })();
    try {
      await document.unloading;
    } catch (error) {
      logger.error({ err: error, documentName: document.name }, 'collab: storing a document before unloading failed');
    } finally {
      if (documents.get(document.name) === document) {
        documents.delete(document.name);
        fanout?.unwatch(document.name);
      }
      document.destroy();
      logger.debug({ documentName: document.name }, 'collab: document unloaded');
    }
  }

  function attach(document: CollabDocument<C>, connection: CollabConnection<C>): void {
    clearTimeout(document.unloadTimer);
    document.connections.add(connection);
    const mine = byUser.get(connection.userId) ?? new Set<CollabConnection<C>>();
    mine.add(connection);
    byUser.set(connection.userId, mine);
    connection.sendAccess();
    // Ask for what the client holds and the server lacks: a writer's offline edits are applied; a reader's (typed
    // before it learnt it may no longer write) are refused and shown back to them, never silently kept on screen.
    connection.send(syncFrame(SYNC_STEP.STEP1, Y.encodeStateVector(document.doc)));
    const presence = document.awarenessSnapshot();
    if (presence) connection.send(presence);
    hooks.onConnect?.({ document, connection });
  }

  function detach(document: CollabDocument<C>, connection: CollabConnection<C>): void {
    connection.closed = true;
    clearTimeout(connection.resyncTimer);
    if (!document.connections.has(connection)) return;
    document.removeConnection(connection);
    const mine = byUser.get(connection.userId);
    mine?.delete(connection);
    if (mine?.size === 0) byUser.delete(connection.userId);
    hooks.onDisconnect?.({ document, connection });
    scheduleUnload(document);
  }

  /**
   * Queues a frame of a ready connection. A connection's frames are handled strictly one after the other, in
   * order (handling one may await the rate limiter), so each is judged on the state its predecessors left.
   */
  function receive(document: CollabDocument<C>, connection: CollabConnection<C>, data: Uint8Array): void {
    if (connection.closed) return;
    connection.alive = true;
    if (connection.queue.length >= PAD_MAX_QUEUED_FRAMES) {
      connection.close(COLLAB_CLOSE.RATE_LIMITED, 'too many messages');
      return;
    }
    connection.queue.push(data);
    if (!connection.draining) drain(document, connection);
  }

  /**
   * Handles the queued frames one after the other: synchronously while the limiter answers at once, resuming
   * after the decision when one has to wait for it.
   */
  function drain(document: CollabDocument<C>, connection: CollabConnection<C>): void {
    connection.draining = true;
    while (connection.queue.length > 0 && !connection.closed) {
      const data = connection.queue.shift()!;
      let pending: void | Promise<void>;
      try {
        pending = handleMessage(messageContext, document, connection, data);
      } catch (error) {
        malformed(document, connection, error);
        continue;
      }
      if (pending) {
        pending.then(
          () => drain(document, connection),
          (error: unknown) => {
            malformed(document, connection, error);
            drain(document, connection);
          },
        );
        return;
      }
    }
    connection.queue.length = 0;
    connection.draining = false;
  }

  function malformed(document: CollabDocument<C>, connection: CollabConnection<C>, error: unknown): void {
    logger.debug({ err: error, documentName: document.name, userId: connection.userId }, 'collab: malformed frame');
    connection.close(COLLAB_CLOSE.MALFORMED, 'malformed frame');
  }

  function accept(ws: WebSocket, socket: Duplex, request: IncomingMessage, documentName: string): void {
    const early: Uint8Array[] = [];
    let ready: { document: CollabDocument<C>; connection: CollabConnection<C> } | undefined;
    ws.on('error', (error) => logger.debug({ err: error, documentName }, 'collab socket error'));
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        ws.close(COLLAB_CLOSE.MALFORMED, 'text frame');
        return;
      }
      if (ready) {
        receive(ready.document, ready.connection, bytesOf(data));
        return;
      }
      if (early.length >= PAD_MAX_MESSAGES_BEFORE_READY) ws.close(COLLAB_CLOSE.RATE_LIMITED, 'too many messages');
      else early.push(bytesOf(data));
    });
    ws.on('close', () => {
      if (ready) detach(ready.document, ready.connection);
    });
    void (async () => {
      const result = await hooks.onAuthenticate(request, documentName);
      if (!result.ok) {
        ws.close(result.code, result.reason);
        return;
      }
      if (ws.readyState !== ws.OPEN || closing) return;
      let document: CollabDocument<C>;
      try {
        document = await loadDocument(documentName);
      } catch (error) {
        logger.error({ err: error, documentName }, 'collab: loading a document failed');
        ws.close(COLLAB_CLOSE.TRY_AGAIN_LATER, 'document unavailable');
        return;
      }
      if (ws.readyState !== ws.OPEN || closing) {
        scheduleUnload(document);
        return;
      }
      const connection = new CollabConnection<C>(ws, documentName, result.userId, result.access, result.context, socket);
      if (result.sessionId) sessionOf.set(connection, result.sessionId);
      ws.on('pong', () => (connection.alive = true));
      ready = { document, connection };
      attach(document, connection);
      for (const data of early.splice(0)) receive(document, connection, data);
    })().catch((error: unknown) => {
      logger.error({ err: error, documentName }, 'collab authentication failed');
      ws.close(COLLAB_CLOSE.UNAUTHENTICATED, 'authentication failed');
    });
  }

  const keepalive = setInterval(() => {
    for (const document of documents.values()) {
      for (const connection of document.connections) {
        if (!connection.alive) {
          connection.closed = true;
          connection.ws.terminate();
          continue;
        }
        connection.alive = false;
        try {
          connection.ws.ping();
        } catch {
          connection.ws.terminate();
        }
      }
    }
  }, PAD_KEEPALIVE_MS);
  keepalive.unref();

  const server: CollabServer<C> = {
    handleUpgrade(request, socket, head) {
      socket.on('error', () => socket.destroy());
      if (!origins.isAllowed(request.headers.origin)) {
        logger.warn({ origin: request.headers.origin }, 'collab upgrade refused: foreign origin');
        refuseUpgrade(socket, 403, 'Forbidden');
        return;
      }
      const documentName = documentNameFromUrl(request.url);
      if (!documentName || closing) {
        refuseUpgrade(socket, closing ? 503 : 400, closing ? 'Service Unavailable' : 'Bad Request');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, socket, request, documentName));
    },
    async close() {
      closing = true;
      clearInterval(keepalive);
      for (const client of wss.clients) client.close(COLLAB_CLOSE.SERVICE_RESTART, 'server restarting');
      await flusher.idle();
      for (const document of documents.values()) {
        clearTimeout(document.unloadTimer);
        try {
          await hooks.onStoreDocument?.({ document, reason: 'shutdown' });
        } catch (error) {
          logger.error({ err: error, documentName: document.name }, 'collab: storing a document at shutdown failed');
        }
      }
      for (const document of documents.values()) document.destroy();
      documents.clear();
      await fanout?.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    disconnectUser(userId, code, reason) {
      for (const connection of byUser.get(userId) ?? []) connection.close(code, reason);
    },
    disconnectSessions(sessionIds, code, reason) {
      for (const document of documents.values()) {
        for (const connection of document.connections) {
          const sessionId = sessionOf.get(connection);
          if (sessionId !== undefined && sessionIds.has(sessionId)) connection.close(code, reason);
        }
      }
    },
    get connectionCount() {
      return wss.clients.size;
    },
    loaded: (name) => documents.get(name),
    loadedNames: () => [...documents.keys()],
    connectionsOf: (userId) => [...(byUser.get(userId) ?? [])],
    async withDocument(name, operation) {
      const document = await loadDocument(name);
      document.holds += 1;
      clearTimeout(document.unloadTimer);
      try {
        return await operation(document);
      } finally {
        document.holds -= 1;
        scheduleUnload(document);
      }
    },
    durable: (document) => flusher.durable(document),
    cluster: fanout && { exclusive: (name, ttlMs, run) => fanout.exclusive(name, ttlMs, run) },
    setAccess(connection, access) {
      const wasReadOnly = connection.readOnly;
      connection.access = access;
      connection.sendAccess();
      const document = documents.get(connection.documentName);
      if (wasReadOnly && !connection.readOnly && document) connection.send(syncFrame(SYNC_STEP.STEP1, Y.encodeStateVector(document.doc)));
    },
  };
  hooks.onConfigure?.(server);
  if (fanout && links) fanout.start(links.sink);
  return server;
}
