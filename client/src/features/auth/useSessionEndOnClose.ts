import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { COLLAB_CLOSE } from '../../../../shared/realtime/close-codes';
import { noticeForSessionEnd, recheckSession, type SignOutNotice } from './session';

/** The collab provider's terminal close (y-websocket's `closed` event: no reconnection follows). */
interface ClosingProvider {
  on(event: 'closed', listener: (event: { code: number; reason: string }) => void): void;
  off(event: 'closed', listener: (event: { code: number; reason: string }) => void): void;
}

/** Which notice a collab close means for the session, or null when it says nothing about it. */
function noticeOfClose(code: number, reason: string): SignOutNotice | null {
  if (code === COLLAB_CLOSE.SUSPENDED) return 'suspended';
  if (code === COLLAB_CLOSE.UNAUTHENTICATED) return noticeForSessionEnd(reason);
  return null;
}

/**
 * A pad connection closed by the server because its session ended (UNAUTHENTICATED, with the reason) or the
 * account was suspended: the tab asks `/api/me` again and, signed out, goes to the sign-in page with the notice,
 * as when its socket is closed (LiveConnection), instead of staying on a dead page or reconnecting in a loop.
 */
export function useSessionEndOnClose(provider: ClosingProvider | null | undefined): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!provider) return;
    const onClosed = ({ code, reason }: { code: number; reason: string }) => {
      const notice = noticeOfClose(code, reason);
      if (notice) void recheckSession(client, notice).catch(() => undefined);
    };
    provider.on('closed', onClosed);
    return () => provider.off('closed', onClosed);
  }, [client, provider]);
}
