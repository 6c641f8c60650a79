import { useEffect, useRef, useState } from 'react';
import { COLLAB_PATH_PREFIX } from '../../../../shared/realtime/close-codes';
import { useLiveState } from '../../lib/socket';
import { INITIAL_STATE, PadSession, type PadCollabState } from './session';

export type { CollabStatus, PadCollab, PadCollabState } from './session';

/**
 * The pad's live document for the page: a PadSession (session.ts) for this pad and user, and its state. Returns
 * the state and the session (to dismiss the refused text once read).
 */
export function usePadCollab(spaceId: string, user: { name: string; color: string }): PadCollabState & { session: PadSession | null } {
  const [view, setView] = useState<{ state: PadCollabState; session: PadSession | null }>({ state: INITIAL_STATE, session: null });
  // The caret's name only matters until the server writes the real one: the session is not rebuilt for it.
  const [initialUser] = useState(user);

  useEffect(() => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const session = new PadSession({
      serverUrl: `${scheme}://${window.location.host}${COLLAB_PATH_PREFIX.replace(/\/$/, '')}`,
      spaceId,
      user: initialUser,
      isOnline: () => navigator.onLine,
    });
    const unsubscribe = session.subscribe(() => setView({ state: session.getState(), session }));
    session.connect();
    const onNetwork = () => session.networkChanged();
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
    return () => {
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
      unsubscribe();
      session.destroy();
    };
  }, [spaceId, initialUser]);

  // The tab's live connection, on the same server, went from online to reconnecting (its heartbeat went unanswered,
  // or the browser went offline): the pad's own socket is dropped and opened again at once.
  const live = useLiveState();
  const wasOnline = useRef(live === 'online');
  useEffect(() => {
    if (live === 'online') wasOnline.current = true;
    else if (live === 'connecting' && wasOnline.current) {
      wasOnline.current = false;
      view.session?.connectionLost();
    }
  }, [live, view.session]);

  return { ...view.state, session: view.session };
}
