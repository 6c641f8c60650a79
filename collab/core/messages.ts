import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { COLLAB_CLOSE } from '../../shared/realtime/close-codes';
import {
  PAD_MAX_AWARENESS_BYTES,
  PAD_MAX_BLOCKED_CLIENTS,
  PAD_MAX_AWARENESS_CLIENTS_PER_CONNECTION,
  PAD_MAX_DOCUMENT_BYTES,
  PAD_MAX_READONLY_AWARENESS_BYTES,
} from '../../shared/pad/limits';
import { COLLAB_MESSAGE, SYNC_STEP } from '../../shared/pad/protocol';
import { AwarenessRefused, sanitizeAwarenessUpdate } from './awareness';
import type { CollabConnection } from './connection';
import { syncFrame, type CollabDocument } from './document';
import type { CollabRefusal } from './types';

/** What the message handler needs from the server: the content guard and the refusal reporter. */
export interface MessageContext<C> {
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

/**
 * Applies a client's update if this connection may write and the update is acceptable; returns quietly
 * for what is ignored (read-only, gaps), closes the connection for what is refused.
 */
function handleUpdate<C>(context: MessageContext<C>, document: CollabDocument<C>, connection: CollabConnection<C>, update: Uint8Array): void {
  if (!connection.updateBudget.take()) {
    connection.close(COLLAB_CLOSE.RATE_LIMITED, 'too many updates');
    return;
  }
  const decoded = decodeUpdate(update);
  const store = document.doc.store;
  const ranges = structRanges(decoded);
  const fresh: number[] = [];
  let gap = false;
  for (const [client, { from, to }] of ranges) {
    const known = Y.getState(store, client);
    if (to <= known) continue;
    if (from > known) gap = true;
    fresh.push(client);
  }
  if (connection.readOnly) {
    // Never applied, never relayed. Its client ids stay refused, so the text cannot come back later.
    if (fresh.length > 0 || decoded.ds.clients.size > 0) {
      if (document.blockedClients.size + fresh.length > PAD_MAX_BLOCKED_CLIENTS) {
        connection.close(COLLAB_CLOSE.INVALID_CONTENT, 'too many refused client ids');
        return;
      }
      for (const client of fresh) document.blockedClients.add(client);
      context.refusedWrite(document, connection);
    }
    return;
  }
  for (const client of fresh) {
    // Items refused while read-only stay refused (typed while muted: never published later).
    if (document.blockedClients.has(client)) return;
    const owner = document.attribution.ownerOf(client);
    if (owner !== undefined && owner !== connection.userId) {
      connection.close(COLLAB_CLOSE.INVALID_CONTENT, 'client id of another author');
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
  Y.applyUpdate(document.doc, update, connection);
  // Structs that could not be integrated would be integrated later by someone else's update and credited to
  // them: drop them and ask this client again (the guard already refuses references to unknown items).
  if (store.pendingStructs || store.pendingDs) {
    store.pendingStructs = null;
    store.pendingDs = null;
    requestResync(document, connection);
  }
}

function handleAwareness<C>(context: MessageContext<C>, document: CollabDocument<C>, connection: CollabConnection<C>, update: Uint8Array): void {
  const owners = new Map<number, CollabConnection<C>>();
  for (const other of document.connections) for (const id of other.awarenessIds) owners.set(id, other);
  let sanitized: ReturnType<typeof sanitizeAwarenessUpdate>;
  try {
    sanitized = sanitizeAwarenessUpdate(update, {
      maxBytes: connection.readOnly ? PAD_MAX_READONLY_AWARENESS_BYTES : PAD_MAX_AWARENESS_BYTES,
      // First come, first served: a presence id belongs to the connection that published a state for it first
      // (echoes of other clients' states, which y-websocket sends back, are dropped).
      mayControl: (id, state) => {
        const owner = owners.get(id);
        if (owner) return owner === connection;
        return state !== null && !document.awareness.states.has(id) && connection.awarenessIds.size < PAD_MAX_AWARENESS_CLIENTS_PER_CONNECTION;
      },
      serverFields: context.presenceOf(connection),
    });
  } catch (error) {
    if (error instanceof AwarenessRefused) throw new ProtocolError(error.message);
    throw new ProtocolError('undecodable awareness');
  }
  if (!sanitized.update) return;
  for (const id of sanitized.clientIds) connection.awarenessIds.add(id);
  applyAwarenessUpdate(document.awareness, sanitized.update, connection);
}

/**
 * Handles one frame of a ready connection. Throws ProtocolError (or any decoding error) for a malformed
 * frame: the caller closes that connection only.
 */
export function handleMessage<C>(context: MessageContext<C>, document: CollabDocument<C>, connection: CollabConnection<C>, data: Uint8Array): void {
  if (!connection.messageBudget.take()) {
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
        handleUpdate(context, document, connection, payload);
      } else {
        throw new ProtocolError(`unknown sync step ${step}`);
      }
      return;
    }
    case COLLAB_MESSAGE.AWARENESS:
      handleAwareness(context, document, connection, decoding.readVarUint8Array(decoder));
      return;
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
