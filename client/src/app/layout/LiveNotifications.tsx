import { Suspense, useEffect, useState } from 'react';
import { listen, useLiveConnection } from '../../lib/socket';
import type { ShownNotification } from '../../features/moderation/Notifications';
import { lazyComponent } from '../lazyPage';

/** How many notifications stay on screen at once (the oldest go first). */
const MAX_SHOWN = 4;

// Most tabs never get one: the stack and its words (the moderation namespace) load with the first notification.
const Notifications = lazyComponent(() => import('../../features/moderation/Notifications'), 'Notifications');

/** The user's notifications (« Ta carte a été masquée… »), which arrive on the tab's live connection. */
export function LiveNotifications() {
  const connection = useLiveConnection();
  const [shown, setShown] = useState<ShownNotification[]>([]);

  useEffect(() => {
    if (!connection) return;
    let next = 0;
    return listen(connection.socket, {
      notify: (notification) => {
        next += 1;
        const id = Date.now() + next;
        setShown((list) => [...list.slice(-(MAX_SHOWN - 1)), { id, code: notification.code, params: notification.params ?? {} }]);
      },
    });
  }, [connection]);

  if (shown.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <Notifications shown={shown} onClose={(id: number) => setShown((list) => list.filter((entry) => entry.id !== id))} />
    </Suspense>
  );
}
