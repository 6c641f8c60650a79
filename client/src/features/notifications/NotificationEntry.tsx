import { ActionIcon, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import type { NotificationView } from '../../../../shared/notifications/types';
import { formatTime } from './days';
import { useNotificationsT } from './i18n';
import { targetPath } from './targets';
import { namesSpace, notificationText } from './words';

interface NotificationEntryProps {
  notification: NotificationView;
  onRead: (id: string) => void;
}

/** One entry of the centre: its words, where and when, unread marked; it opens its item at its place. */
export function NotificationEntry({ notification, onRead }: NotificationEntryProps) {
  const { t, audience, language } = useNotificationsT();
  const text = notificationText(t, notification, audience);
  const path = targetPath(notification.target);
  const unread = !notification.read;
  const details = [
    !namesSpace(notification.kind) && notification.spaceTitle ? notification.spaceTitle : null,
    notification.count > 1 && notification.actorNames.length > 0 ? notification.actorNames.join(', ') : null,
    formatTime(notification.lastAt, language),
  ].filter((part): part is string => Boolean(part));

  const body = (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text fw={unread ? 700 : 400} style={{ overflowWrap: 'anywhere' }}>
        {unread && <span className="notification-unread-dot" aria-hidden="true" />}
        {text}
      </Text>
      <Text fz="sm" c="dimmed">
        {unread && <span className="notification-visually-hidden">{t('unread')} · </span>}
        {details.join(' · ')}
      </Text>
    </Stack>
  );

  return (
    <li className="notification-entry" data-testid="notification-entry" data-kind={notification.kind} data-read={notification.read} data-unread={unread || undefined}>
      <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
        {path ? (
          <UnstyledButton component={Link} to={path} className="notification-entry-link" onClick={() => unread && onRead(notification.id)}>
            {body}
          </UnstyledButton>
        ) : (
          <div className="notification-entry-link">{body}</div>
        )}
        {unread && (
          <ActionIcon variant="subtle" size="lg" aria-label={t('markReadOf', { text })} title={t('markRead')} onClick={() => onRead(notification.id)} data-testid="notification-mark-read">
            <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round">
              <path d="M20 6 9 17l-5-5" />
            </svg>
          </ActionIcon>
        )}
      </Group>
    </li>
  );
}
