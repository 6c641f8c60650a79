import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { COLLAB_CLOSE, COLLAB_PATH_PREFIX } from '../../../../shared/realtime/close-codes';
import { COLLAB_MESSAGE, padDocumentName, type PadAccessMessage, type PadNotice } from '../../../../shared/pad/protocol';

/** What the page shows: *connecté*, *reconnexion…*, *hors ligne*. */
export type CollabStatus = 'connected' | 'reconnecting' | 'offline';

export interface PadCollab {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Increases each time the document is rebuilt (see below); the editor is keyed on it. */
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
}

/** Closes after which reconnecting by itself is right: a restart, a slow network, too many messages. */
function shouldReconnect(event: CloseEvent): boolean {
  if (event.code === COLLAB_CLOSE.RATE_LIMITED) return true;
  return !(event.code >= 4400 && event.code < 4500);
}

/**
 * The pad's Yjs document bound to `/collab/pad:<id>` through y-websocket's WebsocketProvider. Edits made
 * while the connection is down stay in the document and are merged when it comes back. The server's ACCESS
 * message says whether this user may write; when a read-only user may write again (unmuted, unlocked), the
 * document is rebuilt from the server, so nothing typed while read-only (refused by the server) lingers.
 * NOTICE messages say what the server noticed in this user's text (personal information, reported).
 */
export function usePadCollab(spaceId: string, user: { name: string; color: string }): PadCollabState {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<PadCollabState>({ collab: null, status: 'reconnecting', access: null, closedCode: null, notice: null });
  const userRef = useRef(user);
  useEffect(() => {
    userRef.current = user;
  }, [user]);

  useEffect(() => {
    const doc = new Y.Doc();
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const serverUrl = `${scheme}://${window.location.host}${COLLAB_PATH_PREFIX.replace(/\/$/, '')}`;
    const provider = new WebsocketProvider(serverUrl, padDocumentName(spaceId), doc, { disableBc: true, maxBackoffTime: 5_000, shouldReconnect });
    const collab: PadCollab = { doc, provider, generation };
    let access: PadAccessMessage | null = null;
    let wasReadOnly = false;
    const statusOf = (): CollabStatus => (!navigator.onLine ? 'offline' : provider.wsconnected ? 'connected' : 'reconnecting');
    const update = (patch: Partial<PadCollabState>) => setState((previous) => ({ ...previous, ...patch, collab }));

    provider.messageHandlers[COLLAB_MESSAGE.ACCESS] = (_encoder, decoder) => {
      const next = JSON.parse(decoding.readVarString(decoder)) as PadAccessMessage;
      if (next.mode === 'write' && wasReadOnly) {
        setGeneration((value) => value + 1);
        return;
      }
      if (next.mode === 'read') wasReadOnly = true;
      access = next;
      update({ access });
    };
    // The personal-information guard reported what this pupil wrote: the page tells them.
    provider.messageHandlers[COLLAB_MESSAGE.NOTICE] = (_encoder, decoder) => {
      update({ notice: { notice: JSON.parse(decoding.readVarString(decoder)) as PadNotice, at: Date.now() } });
    };
    provider.on('status', () => update({ status: statusOf() }));
    provider.on('closed', ({ code }) => update({ closedCode: code, status: 'offline' }));
    const onNetwork = () => update({ status: statusOf() });
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
    // The server writes the real name and colour over these; they only spare a blank caret meanwhile.
    provider.awareness.setLocalStateField('user', userRef.current);
    update({ status: statusOf(), access: null, closedCode: null });

    return () => {
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
      provider.destroy();
      doc.destroy();
    };
  }, [spaceId, generation]);

  return state;
}
