import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { PadChange } from '../../../../shared/pad/events';
import type { SpaceView } from '../../../../shared/spaces/types';
import { holdSpace } from '../../lib/livePage';
import { listen, onRightsChanged, useLiveConnection } from '../../lib/socket';
import { padKeys } from './api';

/**
 * Joins the pad's space room on the tab's live connection, again on every reconnection, and leaves it when the page
 * closes: settings, versions, mutes and authors changed by someone else refresh at once (the text itself travels
 * on the collab connection). The page's actions come
 * from the rights in `PadInfo`: it is read again when the space changed (`space:updated` carries the viewer's
 * new rights) and when the user's rights changed (`rights:changed`: designated or revoked as a moderator, muted).
 */
export function usePadLive(spaceId: string): void {
  const connection = useLiveConnection();
  const client = useQueryClient();
  useEffect(() => onRightsChanged(() => void client.invalidateQueries({ queryKey: padKeys.info(spaceId) })), [spaceId, client]);
  useEffect(() => {
    if (!connection) return;
    const { socket } = connection;
    const release = holdSpace(spaceId);
    socket.emit('space:join', { spaceId }, () => undefined);
    const unsubscribe = listen(socket, {
      'pad:changed': (change: { spaceId: string; what: PadChange }) => {
        if (change.spaceId !== spaceId) return;
        const key = change.what === 'mutes' ? padKeys.info(spaceId) : change.what === 'versions' ? padKeys.versions(spaceId) : padKeys.authors(spaceId);
        void client.invalidateQueries({ queryKey: key });
      },
      'space:updated': (space: SpaceView) => {
        if (space.id === spaceId) void client.invalidateQueries({ queryKey: padKeys.info(spaceId) });
      },
    });
    return () => {
      unsubscribe();
      release();
    };
  }, [spaceId, connection, client]);
}
