import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { COLLAB_CLOSE } from '../../../../shared/realtime/close-codes';
import { COLLAB_MESSAGE, padDocumentName, type PadAccessMessage, type PadNotice, type PadRefusal } from '../../../../shared/pad/protocol';
import { unstoredText } from './unstored';

/** What the page shows: *connecté*, *reconnexion…*, *hors ligne*. */
export type CollabStatus = 'connected' | 'reconnecting' | 'offline';

export interface PadCollab {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Increases each time the document is rebuilt (see PadSession); the editor is keyed on it. */
  generation: number;
}

export interface PadCollabState {
  collab: PadCollab | null;
  status: CollabStatus;
  /** What the server said this connection may do (null until it said it). */
  access: PadAccessMessage | null;
  /** The close code when the server ended the connection for good (4401, 4403, 4423…). */
  closedCode: number | null;
  /** The last thing the server told this user about what they wrote (`at` tells two equal notices apart). */
  notice: { notice: PadNotice; at: number } | null;
  /** The document is being rebuilt from the server after a refusal: the editor stays read-only meanwhile. */
  resyncing: boolean;
  /** What this user typed and the server refused for good, shown back to them (`at` tells two apart). */
  refused: { text: string; at: number } | null;
  /** Until when (Date.now()) the server holds this user's edits back (too many too fast); 0 when it does not. */
  slowedUntil: number;
}

export interface PadSessionOptions {
  /** `ws(s)://host/collab`. */
  serverUrl: string;
  spaceId: string;
  /** The presence fields shown on this user's caret until the server writes the real ones. */
  user: { name: string; color: string };
  WebSocketPolyfill?: typeof WebSocket;
  maxBackoffTime?: number;
  isOnline?: () => boolean;
}

/** The state before the connection opens. */
export const INITIAL_STATE: Readonly<PadCollabState> = {
  collab: null,
  status: 'reconnecting',
  access: null,
  closedCode: null,
  notice: null,
  resyncing: false,
  refused: null,
  slowedUntil: 0,
};

/** How long to wait before coming back after a rate-limit close when the server did not say. */
const DEFAULT_RETRY_MS = 1_000;

/**
 * The pad's Yjs document bound to `/collab/pad:<id>` through y-websocket's WebsocketProvider, and what the server
 * says about it. Edits made while the connection is down stay in the document and are merged when it comes back.
 *
 * The server refuses, and tells (REFUSED), what this user sent while they could not write (muted, locked, no
 * longer a writer): those edits are refused for good under this document's client id, so every later edit under
 * it would be refused too. The session then resynchronises as y-prosemirror recovers from a diverged view (the
 * Yjs state is the truth, the view is rendered again from it): the old document is dropped for a fresh one (a new
 * client id) synced from the server, the editor is rebuilt on it once synced, and the text the server does not
 * hold is handed back to the user (`refused`). Everything typed from then on is stored. Updates refused by the
 * rate limit are not lost: the server asks for them again once the limit allows it (`slowedUntil` meanwhile).
 */
export class PadSession {
  private state: PadCollabState;
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  private current: PadCollab | null = null;
  /** While resyncing: the document the editor still shows, whose text the server may not hold. */
  private previous: Y.Doc | null = null;
  private retryAfterMs = DEFAULT_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor(private readonly options: PadSessionOptions) {
    this.state = { ...INITIAL_STATE };
  }

  /** Opens the connection (once: it reconnects by itself). */
  connect(): void {
    if (!this.current && !this.destroyed) this.start(null);
  }

  /** The current state (a new object on every change). */
  getState = (): PadCollabState => this.state;

  /** Calls `listener` on every change; returns the unsubscription. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The network came or went (the page listens to the browser's online/offline events). */
  networkChanged(): void {
    this.update({ status: this.statusOf() });
  }

  /**
   * The tab's live connection to the same server found it silent (its heartbeat, lib/socketHealth.ts): the pad's
   * socket is surely dead too, while y-websocket would wait 30 s for a message to say so. It is dropped at once
   * (the page shows it) and opened again; y-websocket retries until the network is back, and what was typed
   * meanwhile stays in the document and is merged then.
   */
  connectionLost(): void {
    const provider = this.current?.provider;
    if (!provider?.wsconnected) return;
    provider.disconnect();
    provider.connect();
    this.update({ status: this.statusOf() });
  }

  /** Forgets the refused text once the user closed its notice. */
  dismissRefused(): void {
    this.update({ refused: null });
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.retryTimer);
    this.listeners.clear();
    if (this.current) {
      this.current.provider.destroy();
      this.current.doc.destroy();
    }
    this.previous?.destroy();
  }

  private update(patch: Partial<PadCollabState>): void {
    if (this.destroyed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private statusOf(): CollabStatus {
    if (this.options.isOnline && !this.options.isOnline()) return 'offline';
    return this.current?.provider.wsconnected ? 'connected' : 'reconnecting';
  }

  /**
   * Connects a fresh document. `previous` is the document being replaced after a refusal: the editor stays on it
   * (read-only) until the fresh one is synced, then what the server does not hold of it is handed back.
   */
  private start(previous: Y.Doc | null): void {
    const doc = new Y.Doc();
    const generation = ++this.generation;
    const { serverUrl, spaceId, WebSocketPolyfill, maxBackoffTime = 5_000 } = this.options;
    const provider = new WebsocketProvider(serverUrl, padDocumentName(spaceId), doc, {
      disableBc: true,
      maxBackoffTime,
      ...(WebSocketPolyfill ? { WebSocketPolyfill } : {}),
      // A rate-limit close is followed after the retry time the server gave; a taken client id restarts under a
      // fresh one; other 4400–4499 closes are for good.
      shouldReconnect: (event) => !(event.code >= 4400 && event.code < 4500),
    });
    const collab: PadCollab = { doc, provider, generation };
    this.current = collab;
    const mine = () => this.current === collab && !this.destroyed;
    let access: PadAccessMessage | null = null;
    // Whether the editor shows this document (at once for the first one, once synced for a rebuilt one).
    let shown = previous === null;

    provider.messageHandlers[COLLAB_MESSAGE.ACCESS] = (_encoder, decoder) => {
      access = JSON.parse(decoding.readVarString(decoder)) as PadAccessMessage;
      if (mine() && shown) this.update({ access });
    };
    // The personal-information guard reported what this pupil wrote: the page tells them.
    provider.messageHandlers[COLLAB_MESSAGE.NOTICE] = (_encoder, decoder) => {
      const notice = JSON.parse(decoding.readVarString(decoder)) as PadNotice;
      if (mine()) this.update({ notice: { notice, at: Date.now() } });
    };
    provider.messageHandlers[COLLAB_MESSAGE.REFUSED] = (_encoder, decoder) => {
      const refusal = JSON.parse(decoding.readVarString(decoder)) as PadRefusal;
      if (!mine()) return;
      if (refusal.kind === 'rateLimited') {
        this.retryAfterMs = Math.max(refusal.retryAfterMs, 100);
        this.update({ slowedUntil: Date.now() + refusal.retryAfterMs });
      } else this.restart();
    };
    provider.on('status', () => {
      if (mine()) this.update({ status: this.statusOf() });
    });
    provider.on('closed', ({ code }) => {
      if (!mine()) return;
      if (code === COLLAB_CLOSE.RATE_LIMITED) {
        // Per user: coming back sooner would be refused again. What was typed meanwhile stays and is sent then.
        this.update({ status: this.statusOf(), slowedUntil: Date.now() + this.retryAfterMs });
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => mine() && provider.connect(), this.retryAfterMs);
        this.retryAfterMs = DEFAULT_RETRY_MS;
      } else if (code === COLLAB_CLOSE.CLIENT_ID_TAKEN) this.restart();
      else this.update({ closedCode: code, status: 'offline' });
    });
    provider.awareness.setLocalStateField('user', this.options.user);

    if (!previous) {
      this.update({ collab, status: this.statusOf(), access: null, closedCode: null });
      return;
    }
    this.update({ resyncing: true, status: this.statusOf() });
    const synced = (isSynced: boolean) => {
      if (!isSynced || !mine()) return;
      provider.off('sync', synced);
      shown = true;
      const text = unstoredText(previous, doc);
      this.previous = null;
      this.update({ collab, access, resyncing: false, ...(text ? { refused: { text, at: Date.now() } } : {}) });
      // Once the editor left it (the page renders the new one first).
      setTimeout(() => previous.destroy(), 0);
    };
    provider.on('sync', synced);
  }

  /** Drops the current document, refused for good, for a fresh one synced from the server. */
  private restart(): void {
    const old = this.current;
    if (!old) return;
    // Nothing typed from now on goes under the refused client id: the old provider stops at once (its editor is
    // read-only while `resyncing`), and its document is kept until the fresh one can tell what it lacks.
    old.provider.destroy();
    if (this.previous) old.doc.destroy();
    else this.previous = old.doc;
    this.start(this.previous);
  }
}
