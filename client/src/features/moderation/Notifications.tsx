import { Notification, Portal, Stack } from '@mantine/core';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';
import { notificationText } from './notificationText';

/** One notification received on the live connection (`notify`), as the shell keeps it. */
export interface ShownNotification {
  id: number;
  code: string;
  params: Record<string, string>;
}

/**
 * Messages for this user (a moderator hid their message, …), in words a child understands, with the reason. The shell
 * (`app/layout/LiveNotifications.tsx`) receives them and loads this stack with the first one.
 */
export function Notifications({ shown, onClose }: { shown: readonly ShownNotification[]; onClose: (id: number) => void }) {
  const { t } = useFeatureT(moderationI18n);
  return (
    <Portal>
      <Stack pos="fixed" bottom={16} right={16} style={{ zIndex: 400, maxWidth: 380 }} role="status" aria-live="polite">
        {shown.map((item) => (
          <Notification key={item.id} title={t('notify.title')} onClose={() => onClose(item.id)} data-testid="notification">
            {notificationText(t, item.code, item.params)}
          </Notification>
        ))}
      </Stack>
    </Portal>
  );
}
