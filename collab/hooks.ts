import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as Y from 'yjs';
import type { CollabCloseCode } from '../shared/realtime/close-codes';
import type { RateDecision } from '../server/ratelimit/limiters';
import type { CollabConnection, ConnectionAccess } from './core/connection';
import type { CollabDocument } from './core/document';
import type { DocumentChanges } from './core/flusher';
import type { CollabRefusal } from './core/types';
import type { PadConnectionContext } from './pad/runtime';

/** The named rate limits of the collab server (`shared/ratelimit/limits.ts`), each per user. */
export type CollabLimitName = 'collabMessage' | 'collabUpdate' | 'collabAwareness' | 'collabWork';

/** What `onAuthenticate` decides for one connection. */
export type AuthenticateResult<C = unknown> =
  | { ok: true; userId: string; access: ConnectionAccess; context: C; /** The session it was opened with (closed when it ends). */ sessionId?: string }
  | ({ ok: false } & CollabRefusal);

/**
 * Lifecycle hooks, shaped like Hocuspocus's: behaviour is added by hooks, the core stays small.
 * Only `onAuthenticate` is required.
 */
export interface CollabHooks<C = unknown> {
  /** Called once with the server, so hooks can act on live connections (bus events, REST operations). */
  onConfigure?(instance: CollabServer<C>): void;
  onAuthenticate(request: IncomingMessage, documentName: string): Promise<AuthenticateResult<C>>;
  /** Fills a document from the store (with LOAD_ORIGIN) and its attribution, before any connection uses it. */
  onLoadDocument?(payload: { documentName: string; document: CollabDocument<C> }): Promise<void>;
  onConnect?(payload: { document: CollabDocument<C>; connection: CollabConnection<C> }): void;
  /**
   * Reads an update's bytes before anything decodes it (see MessageContext.inspect): a refusal closes the
   * connection; otherwise the work it will cost, spent from the user's `collabWork` limit.
   */
  inspectUpdate?(payload: { document: CollabDocument<C>; update: Uint8Array }): { work: number } | CollabRefusal;
  /** Checks a decoded update's content before it is applied (see MessageContext.guard). */
  beforeApplyUpdate?(payload: { document: CollabDocument<C>; decoded: ReturnType<typeof Y.decodeUpdate> }): CollabRefusal | 'ignore' | null;
  /** Persists accepted changes; awaited before they are relayed. */
  onChange?(batch: DocumentChanges<C>[]): Promise<void>;
  /**
   * Spends points (one by default) of a named limit for a user, across all their connections and reconnections
   * (the one limiter service). Without it, nothing is limited.
   */
  rateLimit?(name: CollabLimitName, userId: string, points?: number): RateDecision | Promise<RateDecision>;
  /** A read-only connection tried to change the document. */
  onRefusedWrite?(payload: { document: CollabDocument<C>; connection: CollabConnection<C> }): void;
  onDisconnect?(payload: { document: CollabDocument<C>; connection: CollabConnection<C> }): void;
  /**
   * With other nodes: reads what the store holds of a loaded document into it (with REMOTE_ORIGIN and its
   * attribution), after updates from the other nodes may have been missed (Redis reconnection, trimmed stream).
   */
  onCatchUp?(payload: { document: CollabDocument<C> }): Promise<void>;
  /** Stores the whole document (snapshot); called before unloading and at shutdown. */
  onStoreDocument?(payload: { document: CollabDocument<C>; reason: 'unload' | 'shutdown' }): Promise<void>;
  /** The server-written fields of a connection's presence (`{ user: { name, color } }`). */
  presence?(connection: CollabConnection<C>): Record<string, unknown>;
}

/** `C` is what the hooks keep per connection; the pads' context by default (pads are the collab documents). */
export interface CollabServer<C = PadConnectionContext> {
  /** Handles an HTTP upgrade whose path starts with `/collab/`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection with a reconnect hint, makes every change durable and stores every document. */
  close(): Promise<void>;
  /** Closes every connection of one user (suspension, sign-out everywhere) with the given code. */
  disconnectUser(userId: string, code: CollabCloseCode, reason: string): void;
  /** Closes every connection opened with one of these sessions (they ended: sign-out, revocation, expiry…). */
  disconnectSessions(sessionIds: ReadonlySet<string>, code: CollabCloseCode, reason: string): void;
  readonly connectionCount: number;
  /** A document if it is in memory. */
  loaded(name: string): CollabDocument<C> | undefined;
  /** The names of the documents in memory. */
  loadedNames(): string[];
  /** The live connections of a user. */
  connectionsOf(userId: string): CollabConnection<C>[];
  /** Runs a server-side operation on a document, loading it if needed and keeping it loaded meanwhile. */
  withDocument<R>(name: string, operation: (document: CollabDocument<C>) => Promise<R> | R): Promise<R>;
  /** Resolves once this document's accepted changes are durable and relayed. */
  durable(document: CollabDocument<C>): Promise<void>;
  /**
   * With other nodes serving the same documents (a fanout), a lock per document across them: `run` runs under it,
   * or `{ done: false }` when another node holds it. Undefined when this process is alone.
   */
  readonly cluster: { exclusive<R>(name: string, ttlMs: number, run: () => Promise<R>): Promise<{ done: true; value: R } | { done: false }> } | undefined;
  /** Changes a connection's access and tells its client at once (a writable one is asked for its edits). */
  setAccess(connection: CollabConnection<C>, access: ConnectionAccess): void;
}
