import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Availability } from '../../../../../shared/notifications/types';
import { useFeatureT } from '../../../i18n/feature';
import { apiRequest } from '../../../lib/api';
import { useMe } from '../../auth/useSession';
import { notificationKeys, NOTIFICATIONS_API } from '../api';
import { audienceOf } from '../audience';
import { availabilityI18n } from './i18n';
import { sayUntil } from './until';

/**
 * Where one writes to a person (a card's comments to its author, a topic's reply to its author): « Claire Fontaine ne
 * reçoit pas de notification en ce moment (jusqu'à 7 h 30) », while they are in quiet hours. Nothing otherwise, nor
 * for oneself.
 */
export function AvailabilityNotice({ userId, name }: { userId: string; name: string }) {
  const { t, language } = useFeatureT(availabilityI18n);
  const me = useMe();
  const self = me.user.id === userId;
  const [now] = useState(() => Date.now());
  const availability = useQuery({
    enabled: !self,
    queryKey: notificationKeys.availability(userId),
    queryFn: ({ signal }) => apiRequest<Availability>(`${NOTIFICATIONS_API}/availability/${encodeURIComponent(userId)}`, { signal }),
    retry: false,
  });
  const until = availability.data?.quietUntil;
  if (self || !until) return null;
  const when = sayUntil(t, until, now, language);
  return (
    <Text fz="xs" c="dimmed" data-testid="availability-notice">
      {t('quiet', { name, when, context: audienceOf(me) === 'pupil' ? 'pupil' : undefined })}
    </Text>
  );
}
