import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { listen, useLiveConnection } from '../../../lib/socket';
import { notificationKeys } from '../api';
import { applyChanged, applyNew, type NotificationPages } from '../cache';

/**
 * Keeps the centre's pages (and so the bell's count) current from the tab's one live connection: a new notification
 * goes on top, removed ones go. After a reconnection the pages are fetched again (what was said meanwhile was
 * missed). Returns whether the connection was ever open, so that the first fetch waits for it and misses nothing.
 */
export function useNotificationsLive(): { connected: boolean } {
  const client = useQueryClient();
  const connection = useLiveConnection();
  const opened = useRef(false);
  const [everConnected, setEverConnected] = useState(false);
  if (connection && !everConnected) setEverConnected(true);

  useEffect(() => {
    if (!connection) return;
    if (opened.current) void client.invalidateQueries({ queryKey: notificationKeys.pages });
    opened.current = true;
    return listen(connection.socket, {
      'notifications:new': (update) => client.setQueryData<NotificationPages>(notificationKeys.pages, (data) => applyNew(data, update)),
      'notifications:changed': (update) => client.setQueryData<NotificationPages>(notificationKeys.pages, (data) => applyChanged(data, update)),
    });
  }, [client, connection]);

  return { connected: everConnected };
}
