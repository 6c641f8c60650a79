import { useState } from 'react';
import { getLiveSocket, useLiveState } from './socket';

/**
 * A page's view of the tab's live connection: `connecting` until it is first online while the page is open,
 * `reconnecting` when it dropped since (Socket.IO comes back by itself), `closed` when the server closed it.
 */
export type PageLive = 'connecting' | 'online' | 'reconnecting' | 'closed';

/** The tab's live connection as this page tells it (see `PageLive`). */
export function usePageLive(): PageLive {
  const state = useLiveState();
  const [wasOnline, setWasOnline] = useState(state === 'online');
  if (state === 'online' && !wasOnline) setWasOnline(true);
  if (state === 'online') return 'online';
  if (state === 'closed') return 'closed';
  return wasOnline ? 'reconnecting' : 'connecting';
}

/** How many mounted pages (or page effects) of this tab hold each space's rooms. */
const held = new Map<string, number>();

/**
 * Marks a space's rooms as used by a page of this tab, which joined them (`space:join`, and its feature's join);
 * returns the release, for the effect's cleanup. Once nobody holds the space any more, the tab's connection leaves
 * its rooms (`space:leave`: the others in it see one viewer fewer, and the tab stops receiving its events). The leave
 * waits a tick: an effect that runs again at once (a reconnection, a new dependency, React's development double
 * run) holds the space again first, and nothing is left then joined again out of order. While the connection is
 * down nothing is sent: the server forgot its rooms.
 */
export function holdSpace(spaceId: string): () => void {
  held.set(spaceId, (held.get(spaceId) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(spaceId) ?? 1) - 1;
    if (left > 0) {
      held.set(spaceId, left);
      return;
    }
    held.delete(spaceId);
    setTimeout(() => {
      if (held.has(spaceId)) return;
      const socket = getLiveSocket();
      if (socket?.connected) socket.emit('space:leave', { spaceId }, () => undefined);
    }, 0);
  };
}
