import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { COLLAB_MESSAGE, SYNC_STEP } from '../../shared/pad/protocol';
import { Attribution } from './attribution';
import { ClientIds } from './clients';
import { CollabConnection } from './connection';

/** Transaction origin of content loaded from the store: not a change, never logged nor attributed again. */
export const LOAD_ORIGIN = Symbol('collab.load');

/**
 * Transaction origin of content another node stored (its stream entry) or this node read back from the store to
 * catch up: already durable and attributed where it was accepted, so neither stored nor attributed again as a change.
 */
export const REMOTE_ORIGIN = Symbol('collab.remote');

/** Transaction origin of a change made by the server on behalf of a user (restore, redaction). */
export class ServerEdit {
  constructor(readonly userId: string) {}
}

/** One accepted change, attributed to the user of the connection (or server edit) it came from. */
export interface AcceptedChange {
  userId: string;
  update: Uint8Array;
  /** Flattened triples `clientID, fromClock, toClock` of the items this change created. */
  ranges: number[];
  /** How many items it deleted. */
  deleted: number;
}

/** A sync-step-1 answer waiting for the updates it would reveal to be durable. */
interface WaitingSync<C> {
  connection: CollabConnection<C>;
  stateVector: Uint8Array;
}

/** A sync answer computed when its batch was taken, sent once the batch is durable. */
export interface SyncAnswer<C> extends WaitingSync<C> {
  frame: Uint8Array;
}

/** Frames `[SYNC, subtype, bytes]`. */
export function syncFrame(step: number, bytes: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, COLLAB_MESSAGE.SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, bytes);
  return encoding.toUint8Array(encoder);
}

const frameHeaderBytes = (length: number): number => (length < 126 ? 2 : length < 65_536 ? 4 : 10);

/**
 * Messages as unmasked, final, binary WebSocket frames (RFC 6455 §5.2: what a server sends), one after the other
 * in one buffer: built once for all the connections of a broadcast, and written to each in one go.
 */
export function webSocketFrames(messages: readonly Uint8Array[]): Buffer {
  let size = 0;
  for (const message of messages) size += frameHeaderBytes(message.byteLength) + message.byteLength;
  const framed = Buffer.allocUnsafe(size);
  let at = 0;
  for (const message of messages) {
    const length = message.byteLength;
    framed[at] = 0x82;
    if (length < 126) framed[at + 1] = length;
    else if (length < 65_536) {
      framed[at + 1] = 126;
      framed.writeUInt16BE(length, at + 2);
    } else {
      framed[at + 1] = 127;
      framed.writeBigUInt64BE(BigInt(length), at + 2);
    }
    at += frameHeaderBytes(length);
    framed.set(message, at);
    at += length;
  }
  return framed;
}

/** Frames an awareness update. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, COLLAB_MESSAGE.AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function countDeleted(transaction: Y.Transaction): number {
  let deleted = 0;
  for (const items of transaction.deleteSet.clients.values()) for (const item of items) deleted += item.len;
  return deleted;
}

/**
 * One document in memory (a "room"): its Y.Doc, the connections on it, the server-side awareness, the
 * attribution of its items, and the changes accepted since the last flush. Changes are applied at once
 * (so the next update is checked against them) but reach other clients only after the flusher made them
 * durable: a client can never hold an item the store lost, so after a crash nothing comes back under the
 * wrong author.
 */
export class CollabDocument<C = unknown> {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new Awareness(this.doc);
  readonly connections = new Set<CollabConnection<C>>();
  /** The connection publishing each presence (awareness) client id. */
  readonly presenceOwners = new Map<number, CollabConnection<C>>();
  readonly attribution = new Attribution();
  /** Who owns each Yjs client id, and which ids are refused for good (see ClientIds). */
  readonly clientIds = new ClientIds(this.attribution);
  /** Encoded size, kept as an upper bound between exact measures (see `fits`). */
  estimatedSize = 0;
  /** Server-side operations (REST restore, redaction) in progress: the document stays loaded. */
  holds = 0;
  unloadTimer: NodeJS.Timeout | undefined;
  /** Resolves once loaded; rejects when loading failed. */
  ready: Promise<void> = Promise.resolve();
  unloading: Promise<void> | undefined;
  /** A flush of this document's changes is being persisted. */
  inFlight = false;
  /** When the oldest change or presence waiting to be flushed arrived (performance.now()). */
  pendingSince = Infinity;

  private pending: AcceptedChange[] = [];
  /** The client update being applied (see `applyClientUpdate`). */
  private incoming: Uint8Array | null = null;
  private waiting: WaitingSync<C>[] = [];
  private awarenessChanged = new Set<number>();
  /** Presence changes of this node's connections, for the other nodes (only when `sharesAwareness`). */
  private awarenessToShare = new Set<number>();
  /** Other nodes hold this document too (a fanout): this node's presence changes are kept for them. */
  sharesAwareness = false;

  constructor(
    readonly name: string,
    private readonly markDirty: (document: CollabDocument<C>) => void,
  ) {
    this.awareness.setLocalState(null);
    // Not Yjs's 'update' event: it would encode every transaction again, when a client's update is already bytes.
    this.doc.on('afterTransactionCleanup', (transaction: Y.Transaction) => this.accepted(transaction));
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      for (const id of added) this.awarenessChanged.add(id);
      for (const id of updated) this.awarenessChanged.add(id);
      for (const id of removed) this.awarenessChanged.add(id);
      if (this.sharesAwareness && origin !== REMOTE_ORIGIN) {
        for (const id of added) this.awarenessToShare.add(id);
        for (const id of updated) this.awarenessToShare.add(id);
        for (const id of removed) this.awarenessToShare.add(id);
      }
      if (this.pendingSince === Infinity) this.pendingSince = performance.now();
      this.markDirty(this);
    });
  }

  /**
   * A transaction applied: the change is attributed (the Yjs items it created, to the user of its connection or
   * server edit) and queued for the flusher. A client's update made only of new structs is kept as it came
   * (`incoming`, see `applyClientUpdate`) when Yjs integrated all of it; anything else (a server edit, an update that left structs or
   * deletions pending) is encoded from the document: what the transaction added, with the document's deletions.
   */
  private accepted(transaction: Y.Transaction): void {
    const origin: unknown = transaction.origin;
    if (origin === LOAD_ORIGIN || origin === REMOTE_ORIGIN) return;
    const ranges: number[] = [];
    for (const [client, after] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0;
      if (after > before) ranges.push(client, before, after);
    }
    // Nothing created nor deleted: no change (Yjs's 'update' is not emitted either).
    if (ranges.length === 0 && transaction.deleteSet.clients.size === 0) return;
    const userId = origin instanceof CollabConnection ? origin.userId : origin instanceof ServerEdit ? origin.userId : null;
    // Every change goes through a connection or a server edit; anything else is a bug, never anonymous content.
    if (userId === null) throw new Error(`change without an author on ${this.name}`);
    for (let i = 0; i < ranges.length; i += 3) this.attribution.add(ranges[i]!, ranges[i + 1]!, ranges[i + 2]!, userId);
    const { store } = this.doc;
    const whole = this.incoming !== null && origin instanceof CollabConnection && store.pendingStructs === null && store.pendingDs === null;
    const update = whole ? this.incoming!.slice() : Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(transaction.beforeState));
    if (this.pendingSince === Infinity) this.pendingSince = performance.now();
    this.pending.push({ userId, update, ranges, deleted: countDeleted(transaction) });
    this.estimatedSize += update.byteLength;
    this.markDirty(this);
  }

  /**
   * Applies a connection's update (checked by the caller). When `onlyNew` (none of its structs is known here: a
   * keystroke, not a sync step that repeats the document) and Yjs integrates all of it, it is queued as it came.
   */
  applyClientUpdate(connection: CollabConnection<C>, update: Uint8Array, onlyNew: boolean): void {
    this.incoming = onlyNew ? update : null;
    try {
      Y.applyUpdate(this.doc, update, connection);
    } finally {
      this.incoming = null;
    }
  }

  /**
   * Applies what another node stored (or the store holds, when catching up), with who created its items: it is
   * neither stored nor attributed again as a change here. Applying an update twice is harmless (Yjs).
   */
  applyRemote(update: Uint8Array, authors: ReadonlyArray<{ userId: string; ranges: readonly number[] }>): void {
    for (const { userId, ranges } of authors) this.attribution.addTriples(ranges, userId);
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    this.estimatedSize += update.byteLength;
  }

  get hasPending(): boolean {
    return this.pending.length > 0 || this.inFlight;
  }

  /** Applies a change on behalf of a user, under a Yjs client id of its own (attributed to that user). */
  transactAs(userId: string, change: (doc: Y.Doc) => void): void {
    this.doc.clientID = this.freshClientId();
    this.doc.transact(() => change(this.doc), new ServerEdit(userId));
  }

  private freshClientId(): number {
    for (;;) {
      const id = Math.floor(Math.random() * 0xffffffff) >>> 0;
      if (!this.doc.store.clients.has(id) && !this.clientIds.has(id) && !this.awareness.states.has(id)) return id;
    }
  }

  /** Answers a sync step 1 now, or once what it would reveal is durable. */
  answerSync(connection: CollabConnection<C>, stateVector: Uint8Array): void {
    if (this.hasPending) {
      this.waiting.push({ connection, stateVector });
      this.markDirty(this);
      return;
    }
    connection.send(syncFrame(SYNC_STEP.STEP2, Y.encodeStateAsUpdate(this.doc, stateVector)));
  }

  /** Takes the accepted changes and prepares the sync answers that depend on them (see Flusher). */
  takeBatch(): { changes: AcceptedChange[]; answers: SyncAnswer<C>[] } {
    const changes = this.pending;
    this.pending = [];
    this.pendingSince = Infinity;
    const answers = this.waiting.map(({ connection, stateVector }) => ({
      connection,
      stateVector,
      frame: syncFrame(SYNC_STEP.STEP2, Y.encodeStateAsUpdate(this.doc, stateVector)),
    }));
    this.waiting = [];
    return { changes, answers };
  }

  /** Puts a batch back after a failed flush: its changes are retried first, its answers recomputed. */
  restoreBatch(changes: AcceptedChange[], answers: SyncAnswer<C>[]): void {
    this.pending = [...changes, ...this.pending];
    this.pendingSince = Math.min(this.pendingSince, performance.now());
    this.waiting = [...answers.map(({ connection, stateVector }) => ({ connection, stateVector })), ...this.waiting];
  }

  /** Sends messages to every connection, encoded and framed once, in one write per connection. */
  broadcast(messages: readonly Uint8Array[]): void {
    if (this.connections.size === 0 || messages.length === 0) return;
    const framed = webSocketFrames(messages);
    for (const connection of this.connections) connection.sendFramed(framed, messages);
  }

  /** The presence changes since the last call, as one message encoded once (null when none changed). */
  takeAwareness(): Uint8Array | null {
    if (this.awarenessChanged.size === 0) return null;
    const ids = [...this.awarenessChanged];
    this.awarenessChanged.clear();
    return awarenessFrame(encodeAwarenessUpdate(this.awareness, ids));
  }

  /** This node's presence changes since the last call, for the other nodes (null when none changed). */
  takeSharedAwareness(): Uint8Array | null {
    if (this.awarenessToShare.size === 0) return null;
    const ids = [...this.awarenessToShare];
    this.awarenessToShare.clear();
    return encodeAwarenessUpdate(this.awareness, ids);
  }

  /** Every current presence state, for a connection that just arrived. */
  awarenessSnapshot(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? awarenessFrame(encodeAwarenessUpdate(this.awareness, ids)) : null;
  }

  /** Forgets a connection and its presence. */
  removeConnection(connection: CollabConnection<C>): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessIds.size > 0) {
      for (const id of connection.awarenessIds) if (this.presenceOwners.get(id) === connection) this.presenceOwners.delete(id);
      removeAwarenessStates(this.awareness, [...connection.awarenessIds], connection);
    }
    this.waiting = this.waiting.filter((waiting) => waiting.connection !== connection);
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
