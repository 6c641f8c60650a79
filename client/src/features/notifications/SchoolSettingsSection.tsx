import { ActionIcon, Alert, Button, Checkbox, Fieldset, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { Profile } from '../../../../shared/identity/profiles';
import { SCHOOL_MAX_HOLIDAYS } from '../../../../shared/notifications/limits';
import { SchoolNotificationSettingsSchema } from '../../../../shared/notifications/schemas';
import type { SchoolNotificationSettings } from '../../../../shared/notifications/types';
import { useSaveSchoolSettings, useSchoolSettings } from './actions';
import { useNotificationsT } from './i18n';
import { NEW_QUIET_HOURS, QuietHoursFields } from './QuietHoursFields';

/** The profiles whose default quiet hours the director sets, staff first. */
const SCHOOL_PROFILES: readonly Profile[] = ['teacher', 'director', 'staff', 'admin', 'parent', 'pupil'];

/** For the director: the school's default quiet hours per profile, and its holidays (everyone's quiet period). */
export function SchoolSettingsSection() {
  const { t } = useNotificationsT();
  const loaded = useSchoolSettings(true);
  const save = useSaveSchoolSettings();
  // What the director changed, else what the server has.
  const [changed, setDraft] = useState<SchoolNotificationSettings | null>(null);
  const draft = changed ?? loaded.data ?? null;
  const [invalid, setInvalid] = useState(false);

  if (loaded.isError) {
    return (
      <Alert color="red" variant="light" role="alert">
        {t('prefs.school.failed')}
      </Alert>
    );
  }
  if (!draft) return null;

  const change = (next: SchoolNotificationSettings) => {
    setDraft(next);
    setInvalid(false);
    save.reset();
  };
  const submit = () => {
    const parsed = SchoolNotificationSettingsSchema.safeParse(draft);
    if (!parsed.success) {
      setInvalid(true);
      return;
    }
    save.mutate(parsed.data);
  };

  return (
    <section aria-labelledby="prefs-school">
      <Title order={2} id="prefs-school" fz="h3" mb="xs">
        {t('prefs.school.title')}
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {t('prefs.school.intro')}
      </Text>
      <Stack gap="sm">
        {SCHOOL_PROFILES.map((profile) => {
          const hours = draft.quietHours[profile] ?? null;
          return (
            <Fieldset key={profile} legend={t(`prefs.profiles.${profile}`)} p="sm">
              <Checkbox
                label={t('prefs.school.profileQuiet')}
                checked={hours !== null}
                onChange={(event) => change({ ...draft, quietHours: { ...draft.quietHours, [profile]: event.currentTarget.checked ? NEW_QUIET_HOURS : null } })}
                data-testid={`school-quiet-${profile}`}
              />
              {hours && (
                <Stack mt="xs">
                  <QuietHoursFields idPrefix={`school-${profile}`} value={hours} onChange={(next) => change({ ...draft, quietHours: { ...draft.quietHours, [profile]: next } })} />
                </Stack>
              )}
            </Fieldset>
          );
        })}
        <Title order={3} fz="h4" mt="sm">
          {t('prefs.school.holidays')}
        </Title>
        <Text fz="sm" c="dimmed">
          {t('prefs.school.holidaysIntro')}
        </Text>
        {draft.holidays.map((holiday, index) => {
          const set = (field: 'label' | 'from' | 'to', value: string) =>
            change({ ...draft, holidays: draft.holidays.map((entry, at) => (at === index ? { ...entry, [field]: value } : entry)) });
          return (
            <Group key={index} gap="sm" align="flex-end" wrap="wrap">
              <TextInput label={t('prefs.school.holidayLabel')} value={holiday.label} onChange={(event) => set('label', event.currentTarget.value)} w={220} />
              <TextInput type="date" label={t('prefs.school.from')} value={holiday.from} onChange={(event) => set('from', event.currentTarget.value)} w={160} />
              <TextInput type="date" label={t('prefs.school.to')} value={holiday.to} onChange={(event) => set('to', event.currentTarget.value)} w={160} />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mb={4}
                aria-label={t('prefs.school.removeHoliday', { label: holiday.label || String(index + 1) })}
                onClick={() => change({ ...draft, holidays: draft.holidays.filter((_, at) => at !== index) })}
              >
                ✕
              </ActionIcon>
            </Group>
          );
        })}
        {draft.holidays.length < SCHOOL_MAX_HOLIDAYS && (
          <Button variant="light" w="fit-content" onClick={() => change({ ...draft, holidays: [...draft.holidays, { label: '', from: '', to: '' }] })}>
            {t('prefs.school.addHoliday')}
          </Button>
        )}
        <Group gap="sm">
          <Button onClick={submit} loading={save.isPending} data-testid="school-save">
            {t('prefs.school.save')}
          </Button>
          <div role="status" aria-live="polite">
            {save.isSuccess && <Text c="green.8">{t('prefs.school.saved')}</Text>}
          </div>
        </Group>
        {(invalid || save.isError) && (
          <Alert color="red" variant="light" role="alert">
            {t('prefs.school.saveFailed')}
          </Alert>
        )}
      </Stack>
    </section>
  );
}
