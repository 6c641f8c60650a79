import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { closeLiveConnection, openLiveConnection, reopenLiveConnection, type LiveHandlers } from '../../lib/socket';
import { noticeForSessionEnd, recheckSession } from './session';

/**
 * Keeps the tab's Socket.IO connection open while a signed-in user is past the gate. When the server closes
 * it (suspension, sign-out elsewhere, session revoked or expired, password changed…), asks `/api/me` again:
 * signed out → the sign-in page with a notice (the reason the server gave, if any); still signed in → reconnect.
 */
export function LiveConnection() {
  const client = useQueryClient();

  useEffect(() => {
    const handlers: LiveHandlers = {
      onClosedByServer: ({ code, ended }) => {
        void recheckSession(client, code === 'SUSPENDED' ? 'suspended' : ended ? noticeForSessionEnd(ended) : 'closed').then(
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
