import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import { COLLAB_CLOSE, type CollabCloseCode } from '../../shared/realtime/close-codes';
import { PAD_MAX_BUFFERED_BYTES } from '../../shared/pad/limits';
import { COLLAB_MESSAGE, type PadAccessMessage, type PadRefusal } from '../../shared/pad/protocol';

/** Whether a connection may change the document, and why not. */
export type ConnectionAccess = PadAccessMessage;

/**
 * One authenticated WebSocket on one document. Its identity (`userId`) is decided at the upgrade from the
 * session cookie; every update it brings is attributed to that user. `context` is what the hooks keep
 * about it (the request state for audit, the actor for live re-evaluation).
 */
export class CollabConnection<C = unknown> {
  /** Awareness client ids this connection published (removed when it leaves). */
  readonly awarenessIds = new Set<number>();
  /** Frames received and not handled yet: one connection's frames are handled strictly in order (server.ts). */
  readonly queue: Uint8Array[] = [];
  /** A frame of this connection is being handled (possibly awaiting the rate limiter). */
  draining = false;
  /** Yjs client ids this connection claimed without content (presence, refused writes; see ClientIds). */
  claims = 0;
  alive = true;
  closed = false;
  /** Last time the server asked this connection to resync (gaps are answered at most once a second). */
  lastResyncAt = 0;
  /** Last time a refused write of this connection was audited. */
  lastDenialAt = 0;
  /** Last time this connection was told its updates were refused for good. */
  lastRefusalAt = 0;
  /** Until when this user's updates are refused by the rate limit (the connection was told once). */
  rateLimitedUntil = 0;
  /** The resync asked once the rate limit lets this user's updates in again. */
  resyncTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly documentName: string,
    readonly userId: string,
    public access: ConnectionAccess,
    public context: C,
    /** The upgraded socket under `ws` (what `wss.handleUpgrade` was given): broadcasts write framed bytes to it. */
    private readonly socket?: Duplex,
  ) {}

  get readOnly(): boolean {
    return this.access.mode !== 'write';
  }

  /** Sends a frame; a reader that cannot keep up is dropped rather than growing the server's memory. */
  send(data: Uint8Array): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount > PAD_MAX_BUFFERED_BYTES) {
      this.close(COLLAB_CLOSE.TRY_AGAIN_LATER, 'too slow');
      return;
    }
    // No per-send callback on the hot path: a failed socket emits 'close' and is cleaned up there.
    this.ws.send(data);
  }

  /**
   * Sends messages already framed for the WebSocket (`framed`, built once for every connection of a broadcast) in
   * one write to the socket: per connection, the cost of a broadcast is then that write alone. `ws` writes each
   * of its frames whole and synchronously (no compression), so frames never interleave.
   */
  sendFramed(framed: Buffer, messages: readonly Uint8Array[]): void {
    if (this.closed) return;
    const socket = this.socket;
    if (!socket) {
      for (const message of messages) this.send(message);
      return;
    }
    // Closing (either side): nothing more goes out after the close frame.
    if (this.ws.readyState !== this.ws.OPEN || !socket.writable) return;
    if (socket.writableLength > PAD_MAX_BUFFERED_BYTES) {
      this.close(COLLAB_CLOSE.TRY_AGAIN_LATER, 'too slow');
      return;
    }
    socket.write(framed);
  }

  /** Tells the client its access (the editor turns read-only or writable at once). */
  sendAccess(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, COLLAB_MESSAGE.ACCESS);
    encoding.writeVarString(encoder, JSON.stringify(this.access));
    this.send(encoding.toUint8Array(encoder));
  }

  /** Tells the client that updates it sent were not applied (see PadRefusal). */
  sendRefusal(refusal: PadRefusal): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, COLLAB_MESSAGE.REFUSED);
    encoding.writeVarString(encoder, JSON.stringify(refusal));
    this.send(encoding.toUint8Array(encoder));
  }

  close(code: CollabCloseCode, reason: string): void {
    clearTimeout(this.resyncTimer);
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, reason.slice(0, 120));
    } catch {
      this.ws.terminate();
    }
  }
}
