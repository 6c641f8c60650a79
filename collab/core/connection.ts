import type { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import { COLLAB_CLOSE, type CollabCloseCode } from '../../shared/realtime/close-codes';
import {
  PAD_MAX_BUFFERED_BYTES,
  PAD_MESSAGES_BURST,
  PAD_MESSAGES_PER_SECOND,
  PAD_UPDATES_BURST,
  PAD_UPDATES_PER_SECOND,
} from '../../shared/pad/limits';
import { COLLAB_MESSAGE, type PadAccessMessage } from '../../shared/pad/protocol';
import { TokenBucket } from './rate';

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
  readonly messageBudget = new TokenBucket(PAD_MESSAGES_PER_SECOND, PAD_MESSAGES_BURST);
  readonly updateBudget = new TokenBucket(PAD_UPDATES_PER_SECOND, PAD_UPDATES_BURST);
  alive = true;
  closed = false;
  /** Last time the server asked this connection to resync (gaps are answered at most once a second). */
  lastResyncAt = 0;
  /** Last time a refused write of this connection was audited. */
  lastDenialAt = 0;

  constructor(
    readonly ws: WebSocket,
    readonly documentName: string,
    readonly userId: string,
    public access: ConnectionAccess,
    public context: C,
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

  /** Tells the client its access (the editor turns read-only or writable at once). */
  sendAccess(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, COLLAB_MESSAGE.ACCESS);
    encoding.writeVarString(encoder, JSON.stringify(this.access));
    this.send(encoding.toUint8Array(encoder));
  }

  close(code: CollabCloseCode, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, reason.slice(0, 120));
    } catch {
      this.ws.terminate();
    }
  }
}
