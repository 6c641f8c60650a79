import { Stack } from '@mantine/core';
import { useNotificationsT } from './i18n';
import { NotificationList } from './NotificationList';

/** `/notifications`: the centre as a page (what the bell opens on a phone). */
export function NotificationsPage() {
  const { t } = useNotificationsT();
  return (
    <Stack maw={760}>
      <title>{t('pageTitle')}</title>
      <NotificationList variant="page" />
    </Stack>
  );
}
