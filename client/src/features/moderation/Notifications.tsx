import { Notification, Portal, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { getLiveSocket, useLiveState } from '../../lib/socket';
import { useFeatureT } from '../../i18n/feature';
import { notificationText } from './notificationText';

interface Shown {
  id: number;
  code: string;
  params: Record<string, string>;
}

/** Messages for this user (a moderator hid their message, …), in words a child understands, with the reason. */
export function Notifications() {
  const { t } = useFeatureT('moderation');
  const live = useLiveState();
  const [shown, setShown] = useState<Shown[]>([]);

  useEffect(() => {
    const socket = getLiveSocket();
    if (!socket || live !== 'online') return;
    let next = 0;
    const onNotify = (notification: { code: string; params?: Record<string, string> }) => {
      next += 1;
      const id = Date.now() + next;
      setShown((list) => [...list.slice(-3), { id, code: notification.code, params: notification.params ?? {} }]);
    };
    socket.on('notify', onNotify);
    return () => {
      socket.off('notify', onNotify);
    };
  }, [live]);

  if (shown.length === 0) return null;
  return (
    <Portal>
      <Stack pos="fixed" bottom={16} right={16} style={{ zIndex: 400, maxWidth: 380 }} role="status" aria-live="polite">
        {shown.map((item) => (
          <Notification key={item.id} title={t('notify.title')} onClose={() => setShown((list) => list.filter((entry) => entry.id !== item.id))} data-testid="notification">
            {notificationText(t, item.code, item.params)}
          </Notification>
        ))}
      </Stack>
    </Portal>
  );
}
