import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { COLLAB_CLOSE } from '../../shared/realtime/close-codes';
import {
  PAD_MAX_AWARENESS_BYTES,
  PAD_MAX_AWARENESS_CLIENTS_PER_CONNECTION,
  PAD_MAX_CLAIMS_PER_CONNECTION,
  PAD_MAX_DOCUMENT_BYTES,
  PAD_MAX_READONLY_AWARENESS_BYTES,
  PAD_REFUSAL_NOTICE_INTERVAL_MS,
} from '../../shared/pad/limits';
import { COLLAB_MESSAGE, SYNC_STEP } from '../../shared/pad/protocol';
import type { RateDecision } from '../../server/ratelimit/limiters';
import type { CollabLimitName } from '../hooks';
import { AwarenessRefused, sanitizeAwarenessUpdate, type AwarenessRules } from './awareness';
import type { CollabConnection } from './connection';
import { syncFrame, type CollabDocument } from './document';
import type { CollabRefusal } from './types';

/** What the message handler needs from the server: the limiter, the content guard and the refusal reporter. */
export interface MessageContext<C> {
  /** Spends points (one by default) of a named limit for a user (see CollabHooks.rateLimit). */
  rateLimit(name: CollabLimitName, userId: string, points?: number): Promise<RateDecision> | RateDecision;
  /**
   * Reads an update's bytes before anything decodes it (per-update structure limits): a refusal closes the
   * connection, else the work the update costs (spent from the user's `collabWork` limit before it is decoded).
   */
  inspect(document: CollabDocument<C>, update: Uint8Array): { work: number } | CollabRefusal;
  /**
   * Checks the content of a decoded update (schema, links…): a refusal closes the connection; 'ignore' drops
   * the update quietly (it refers to items this server never accepted, e.g. typed while read-only).
   */
  guard(document: CollabDocument<C>, decoded: ReturnType<typeof Y.decodeUpdate>): CollabRefusal | 'ignore' | null;
  /** A read-only connection tried to write (audited, coalesced). */
  refusedWrite(document: CollabDocument<C>, connection: CollabConnection<C>): void;
  /** The server-side fields of this connection's presence (its real name and colour). */
  presenceOf(connection: CollabConnection<C>): Record<string, unknown>;
}

/** A frame that does not follow the protocol: the connection is closed, nothing else happens. */
export class ProtocolError extends Error {}

/*
 * A limiter's decision is followed at once when it is known (the usual case: the user's lease answers
 * synchronously), after it otherwise: the hot path creates no promise, no closure, and yields to nobody.
 */

/** After an await: the connection is still open on this (still loaded) document. */
const present = <C>(document: CollabDocument<C>, connection: CollabConnection<C>): boolean =>
  !connection.closed && document.connections.has(connection);

/** The clock range per client of the items in a decoded update (Skip structs excluded). */
function structRanges(decoded: ReturnType<typeof Y.decodeUpdate>): Map<number, { from: number; to: number }> {
  const ranges = new Map<number, { from: number; to: number }>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const range = ranges.get(client);
    if (!range) ranges.set(client, { from: clock, to: clock + struct.length });
    else {
      range.from = Math.min(range.from, clock);
      range.to = Math.max(range.to, clock + struct.length);
    }
  }
  return ranges;
}

/** Whether a delete set deletes anything the document holds and has not deleted yet. */
function deletesAnything(store: Y.Doc['store'], ds: ReturnType<typeof Y.decodeUpdate>['ds']): boolean {
  for (const [client, deletions] of ds.clients) {
    const structs = store.clients.get(client);
    if (!structs) continue;
    const state = Y.getState(store, client);
    for (const { clock, len } of deletions) {
      if (clock >= state) continue;
      for (let index = Y.findIndexSS(structs, Math.max(0, clock)); index < structs.length; index++) {
        const struct = structs[index]!;
        if (struct.id.clock >= clock + len) break;
        if (!struct.deleted) return true;
      }
    }
  }
  return false;
}

function decodeUpdate(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  try {
    return Y.decodeUpdate(update);
  } catch {
    throw new ProtocolError('undecodable update');
  }
}

/** Asks a client for what the server lacks (at most once a second per connection). */
function requestResync<C>(document: CollabDocument<C>, connection: CollabConnection<C>): void {
  const now = Date.now();
  if (now - connection.lastResyncAt < 1000) return;
  connection.lastResyncAt = now;
  connection.send(syncFrame(SYNC_STEP.STEP1, Y.encodeStateVector(document.doc)));
}

/** Tells a connection its updates were refused for good: its editor starts over under a new client id. */
function tellDiverged<C>(connection: CollabConnection<C>): void {
  const now = Date.now();
  if (now - connection.lastRefusalAt < PAD_REFUSAL_NOTICE_INTERVAL_MS) return;
  connection.lastRefusalAt = now;
  connection.sendRefusal({ kind: 'diverged' });
}

/**
 * The user's update limit is spent: this update is not applied and nothing is refused for good (the client keeps
 * it). The client is told once, and asked for what the server lacks once the limit lets it in again.
 */
function refuseForRate<C>(document: CollabDocument<C>, connection: CollabConnection<C>, retryAfterMs: number): void {
  const now = Date.now();
  if (now >= connection.rateLimitedUntil) connection.sendRefusal({ kind: 'rateLimited', retryAfterMs });
  connection.rateLimitedUntil = now + retryAfterMs;
  clearTimeout(connection.resyncTimer);
  connection.resyncTimer = setTimeout(() => {
    connection.resyncTimer = undefined;
    if (!present(document, connection) || connection.readOnly) return;
    connection.lastResyncAt = Date.now();
    connection.send(syncFrame(SYNC_STEP.STEP1, Y.encodeStateVector(document.doc)));
  }, retryAfterMs);
  connection.resyncTimer.unref();
}

/**
 * A read-only connection's update: never applied, never relayed. Its new client ids become its user's and are
 * refused for good (typed while muted or locked: never published later); ids of other users were refused before
 * this is called, so nobody else's edits are ever affected.
 */
function refuseReadOnly<C>(
  context: MessageContext<C>,
  document: CollabDocument<C>,
  connection: CollabConnection<C>,
  decoded: ReturnType<typeof Y.decodeUpdate>,
  fresh: number[],
): void {
  // Nothing new (a deletion already made, an echo of known items): nothing was refused.
  if (fresh.length === 0 && !deletesAnything(document.doc.store, decoded.ds)) return;
  const ids = document.clientIds;
  const unclaimed = fresh.filter((client) => ids.ownerOf(client) === undefined);
  if (connection.claims + unclaimed.length > PAD_MAX_CLAIMS_PER_CONNECTION) {
    connection.close(COLLAB_CLOSE.INVALID_CONTENT, 'too many client ids');
    return;
  }
  for (const client of unclaimed) {
    if (ids.claim(client, connection.userId) !== null) {
      connection.close(COLLAB_CLOSE.INVALID_CONTENT, 'too many refused client ids');
      return;
    }
    connection.claims += 1;
  }
  for (const client of fresh) ids.refuse(client);
  context.refusedWrite(document, connection);
  tellDiverged(connection);
}

/**
 * Applies a client's update if this connection may write and the update is acceptable; refuses what a read-only
 * connection sent (telling it), ignores gaps (asking for them), closes the connection for what is forbidden.
 * Synchronous: every check holds when the update is applied.
 */
function applyClientUpdate<C>(context: MessageContext<C>, document: CollabDocument<C>, connection: CollabConnection<C>, update: Uint8Array): void {
  const decoded = decodeUpdate(update);
  const store = document.doc.store;
  const ranges = structRanges(decoded);
  const fresh: number[] = [];
  let gap = false;
  // Every struct is new (none the document holds already): the update's bytes are then exactly the change.
  let onlyNew = true;
  for (const [client, { from, to }] of ranges) {
    const known = Y.getState(store, client);
    if (from < known) onlyNew = false;
    if (to <= known) continue;
    if (from > known) gap = true;
    fresh.push(client);
  }
  const ids = document.clientIds;
  for (const client of fresh) {
    // A client id belongs to the user who first used it here: using another's is refused whole, and affects nobody.
    const owner = ids.ownerOf(client);
    if (owner !== undefined && owner !== connection.userId) {
      connection.close(COLLAB_CLOSE.CLIENT_ID_TAKEN, 'client id of another user');
      return;
    }
  }
  if (connection.readOnly) {
    refuseReadOnly(context, document, connection, decoded, fresh);
    return;
  }
  for (const client of fresh) {
    // Items refused while read-only stay refused (typed while muted: never published later); the editor was told
    // to start over under a new client id, and is told again.
    if (ids.isRefused(client)) {
      tellDiverged(connection);
      return;
    }
  }
  if (gap) {
    requestResync(document, connection);
    return;
  }
  if (fresh.length === 0 && decoded.ds.clients.size === 0) return;
  const refusal = context.guard(document, decoded);
  if (refusal === 'ignore') return;
  if (refusal) {
    connection.close(refusal.code, refusal.reason);
    return;
  }
  if (document.estimatedSize + update.byteLength > PAD_MAX_DOCUMENT_BYTES) {
    document.estimatedSize = Y.encodeStateAsUpdate(document.doc).byteLength;
    if (document.estimatedSize + update.byteLength > PAD_MAX_DOCUMENT_BYTES) {
      connection.close(COLLAB_CLOSE.DOCUMENT_TOO_LARGE, 'document too large');
      return;
    }
  }
  document.applyClientUpdate(connection, update, onlyNew);
  // Structs that could not be integrated would be integrated later by someone else's update and credited to
  // them: drop them and ask this client again (the guard already refuses references to unknown items).
  if (store.pendingStructs || store.pendingDs) {
    store.pendingStructs = null;
    store.pendingDs = null;
    requestResync(document, connection);
  }
}

/** Applies an update once the limiter decided. Rights, the document and the connection may have changed meanwhile. */
function concludeUpdate<C>(context: MessageContext<C>, document: CollabDocument<C>, connection: CollabConnection<C>, update: Uint8Array, allowed: RateDecision): void {
  if (!present(document, connection)) return;
  if (!allowed.ok) refuseForRate(document, connection, allowed.retryAfterMs);
  else applyClientUpdate(context, document, connection, update);
}

function handleUpdate<C>(context: MessageContext<C>, document: CollabDocument<C>, connection: CollabConnection<C>, update: Uint8Array): void | Promise<void> {
  // Its structure is read on its bytes first: an update past the limits is never decoded (a stall otherwise).
  const inspected = context.inspect(document, update);
  if ('code' in inspected) {
    connection.close(inspected.code, inspected.reason);
    return;
  }
  // Decisions known at once (the usual case) are followed without a closure: this runs for every update.
  const counted = context.rateLimit('collabUpdate', connection.userId);
  if (counted instanceof Promise) return counted.then((decision) => afterUpdateCounted(context, document, connection, update, inspected.work, decision));
  return afterUpdateCounted(context, document, connection, update, inspected.work, counted);
}

/** After `collabUpdate`: the update's work is spent from `collabWork`, then the update is concluded. */
function afterUpdateCounted<C>(
  context: MessageContext<C>,
  document: CollabDocument<C>,
  connection: CollabConnection<C>,
  update: Uint8Array,
  work: number,
  counted: RateDecision,
): void | Promise<void> {
  if (!counted.ok || work === 0) return concludeUpdate(context, document, connection, update, counted);
  const worked = context.rateLimit('collabWork', connection.userId, work);
  if (worked instanceof Promise) return worked.then((decision) => concludeUpdate(context, document, connection, update, decision));
  return concludeUpdate(context, document, connection, update, worked);
}

/**
 * Presence: a connection publishes states only under client ids of its own user (ids they write under, or that
 * their presence claimed first), one live connection per id; states of others (y-websocket echoes them) are
 * dropped. Nobody can take over another user's caret, even after that user left for a while.
 */
function handleAwareness<C>(context: MessageContext<C>, document: CollabDocument<C>, connection: CollabConnection<C>, update: Uint8Array): void | Promise<void> {
  const allowed = context.rateLimit('collabAwareness', connection.userId);
  if (allowed instanceof Promise) return allowed.then((decision) => presenceDecided(context, document, connection, update, decision));
  presenceDecided(context, document, connection, update, allowed);
}

/** Presence is ephemeral: a refused state is replaced by the next one. */
function presenceDecided<C>(context: MessageContext<C>, document: CollabDocument<C>, connection: CollabConnection<C>, update: Uint8Array, allowed: RateDecision): void {
  if (present(document, connection) && allowed.ok) applyPresence(context, document, connection, update);
}

/**
 * Which presence client ids a connection may publish (see AwarenessRules): a class, so the rules of each presence
 * frame cost one small object, not closures.
 */
class PresenceRules<C> implements AwarenessRules {
  readonly maxBytes: number;

  constructor(
    private readonly document: CollabDocument<C>,
    private readonly connection: CollabConnection<C>,
    readonly serverFields: Record<string, unknown>,
  ) {
    this.maxBytes = connection.readOnly ? PAD_MAX_READONLY_AWARENESS_BYTES : PAD_MAX_AWARENESS_BYTES;
  }

  mayControl(id: number, state: unknown): boolean {
    const { document, connection } = this;
    const publisher = document.presenceOwners.get(id);
    if (publisher) return publisher === connection;
    if (state === null || document.awareness.states.has(id) || connection.awarenessIds.size >= PAD_MAX_AWARENESS_CLIENTS_PER_CONNECTION) return false;
    const owner = document.clientIds.ownerOf(id);
    if (owner !== undefined) return owner === connection.userId;
    if (connection.claims >= PAD_MAX_CLAIMS_PER_CONNECTION || document.clientIds.claim(id, connection.userId) !== null) return false;
    connection.claims += 1;
    return true;
  }
}

function applyPresence<C>(context: MessageContext<C>, document: CollabDocument<C>, connection: CollabConnection<C>, update: Uint8Array): void {
  let sanitized: ReturnType<typeof sanitizeAwarenessUpdate>;
  try {
    sanitized = sanitizeAwarenessUpdate(update, new PresenceRules(document, connection, context.presenceOf(connection)));
  } catch (error) {
    if (error instanceof AwarenessRefused) throw new ProtocolError(error.message);
    throw new ProtocolError('undecodable awareness');
  }
  if (!sanitized.update) return;
  for (const id of sanitized.clientIds) {
    connection.awarenessIds.add(id);
    document.presenceOwners.set(id, connection);
  }
  applyAwarenessUpdate(document.awareness, sanitized.update, connection);
}

/**
 * Handles one frame of a ready connection; the caller awaits it before the next frame of that connection.
 * Throws ProtocolError (or any decoding error) for a malformed frame: the caller closes that connection only.
 */
export function handleMessage<C>(context: MessageContext<C>, document: CollabDocument<C>, connection: CollabConnection<C>, data: Uint8Array): void | Promise<void> {
  const allowed = context.rateLimit('collabMessage', connection.userId);
  if (allowed instanceof Promise) return allowed.then((decision) => handleAllowedMessage(context, document, connection, data, decision));
  return handleAllowedMessage(context, document, connection, data, allowed);
}

function handleAllowedMessage<C>(context: MessageContext<C>, document: CollabDocument<C>, connection: CollabConnection<C>, data: Uint8Array, allowed: RateDecision): void | Promise<void> {
  if (!present(document, connection)) return;
  if (!allowed.ok) {
    // Per user: reconnecting does not help. The client waits as long before coming back.
    connection.sendRefusal({ kind: 'rateLimited', retryAfterMs: allowed.retryAfterMs });
    connection.close(COLLAB_CLOSE.RATE_LIMITED, 'too many messages');
    return;
  }
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case COLLAB_MESSAGE.SYNC: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SYNC_STEP.STEP1) {
        try {
          Y.decodeStateVector(payload);
        } catch {
          throw new ProtocolError('undecodable state vector');
        }
        document.answerSync(connection, payload);
      } else if (step === SYNC_STEP.STEP2 || step === SYNC_STEP.UPDATE) {
        return handleUpdate(context, document, connection, payload);
      } else {
        throw new ProtocolError(`unknown sync step ${step}`);
      }
      return;
    }
    case COLLAB_MESSAGE.AWARENESS:
      return handleAwareness(context, document, connection, decoding.readVarUint8Array(decoder));
    case COLLAB_MESSAGE.QUERY_AWARENESS: {
      const snapshot = document.awarenessSnapshot();
      if (snapshot) connection.send(snapshot);
      return;
    }
    case COLLAB_MESSAGE.AUTH:
      // Permissions come from the session, never from the client: nothing to read.
      return;
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}
