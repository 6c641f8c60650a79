import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { closeLiveConnection, openLiveConnection, reopenLiveConnection, type LiveHandlers } from '../../lib/socket';
import { recheckSession } from './session';

/**
 * Keeps the tab's Socket.IO connection open while a signed-in user is past the gate. When the server closes
 * it (suspension, sign-out everywhere, password reset…), asks `/api/me` again: signed out → the sign-in page
 * with a notice; still signed in → reconnect.
 */
export function LiveConnection() {
  const client = useQueryClient();

  useEffect(() => {
    const handlers: LiveHandlers = {
      onClosedByServer: ({ code }) => {
        void recheckSession(client, code === 'SUSPENDED' ? 'suspended' : 'closed').then(
          (stillSignedIn) => {
            if (stillSignedIn && code === undefined) reopenLiveConnection(handlers);
          },
          () => undefined, // Server unreachable: the next API call will tell.
        );
      },
    };
    openLiveConnection(handlers);
    return closeLiveConnection;
  }, [client]);

  return null;
}
