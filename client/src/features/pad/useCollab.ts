import { useEffect, useState } from 'react';
import { COLLAB_PATH_PREFIX } from '../../../../shared/realtime/close-codes';
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

  return { ...view.state, session: view.session };
}
