import { Checkbox, Group, TextInput } from '@mantine/core';
import type { QuietHours } from '../../../../shared/notifications/types';
import { useNotificationsT } from './i18n';

/** The default when someone starts choosing their hours: the staff's (19:00–07:30), without weekends. */
export const NEW_QUIET_HOURS: QuietHours = { start: '19:00', end: '07:30', weekends: false };

/** Start, end (Paris time, « HH:MM ») and weekends of quiet hours. */
export function QuietHoursFields({ value, onChange, idPrefix }: { value: QuietHours; onChange: (next: QuietHours) => void; idPrefix: string }) {
  const { t } = useNotificationsT();
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput id={`${idPrefix}-start`} type="time" label={t('prefs.quiet.start')} value={value.start} onChange={(event) => onChange({ ...value, start: event.currentTarget.value })} w={130} />
      <TextInput id={`${idPrefix}-end`} type="time" label={t('prefs.quiet.end')} value={value.end} onChange={(event) => onChange({ ...value, end: event.currentTarget.value })} w={130} />
      <Checkbox id={`${idPrefix}-weekends`} label={t('prefs.quiet.weekends')} checked={value.weekends} onChange={(event) => onChange({ ...value, weekends: event.currentTarget.checked })} mb={8} />
    </Group>
  );
}

/** Quiet hours in words (« de 19:00 à 07:30 et le week-end »). */
export function useQuietHoursText(): (hours: QuietHours) => string {
  const { t } = useNotificationsT();
  return (hours) => t(hours.weekends ? 'prefs.quiet.hoursWeekends' : 'prefs.quiet.hours', { start: hours.start, end: hours.end });
}
