import { Alert, Anchor, Button, Center, Checkbox, Group, Loader, NativeSelect, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { PROFILE_PRECEDENCE } from '../../../../shared/identity/profiles';
import { NotificationPreferencesSchema } from '../../../../shared/notifications/schemas';
import { EMAIL_FREQUENCIES, type EmailFrequency, type NotificationPreferences } from '../../../../shared/notifications/types';
import { useMe } from '../auth/useSession';
import { usePreferences, useSavePreferences, useSchoolSettings } from './actions';
import { DeliveryPreferences } from './DeliveryPreferences';
import { useNotificationsT } from './i18n';
import { notificationPaths } from './paths';
import { NEW_QUIET_HOURS, QuietHoursFields, useQuietHoursText } from './QuietHoursFields';
import { SchoolSettingsSection } from './SchoolSettingsSection';

/**
 * `/notifications/preferences`: per kind and per space (live, daily summary, off), my quiet hours (the school's
 * default or my own), e-mail summaries for adults; for the director, the school's quiet hours and holidays.
 */
export function PreferencesPage() {
  const { t, tt, audience } = useNotificationsT();
  const me = useMe();
  const loaded = usePreferences();
  const save = useSavePreferences();
  const director = me.profiles.includes('director');
  // Only the director may read the school's settings (GET /api/notifications/school); others see « Suivre l'école ».
  const school = useSchoolSettings(director);
  const hoursText = useQuietHoursText();
  // What the user changed, else what the server has.
  const [changed, setDraft] = useState<NotificationPreferences | null>(null);
  const draft = changed ?? loaded.data ?? null;
  const [invalid, setInvalid] = useState(false);
  const adult = audience === 'adult';

  if (loaded.isError) {
    return (
      <Alert color="red" role="alert" maw={760}>
        {t('prefs.failed')}
      </Alert>
    );
  }
  if (!draft) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" aria-hidden="true" />
        <Text ml="sm">{t('prefs.loading')}</Text>
      </Center>
    );
  }

  const change = (next: NotificationPreferences) => {
    setDraft(next);
    setInvalid(false);
    save.reset();
  };
  // The school's default for my profile, as the server chooses it: the first of my profiles that has one.
  const schoolHours = school.data ? (PROFILE_PRECEDENCE.filter((profile) => me.profiles.includes(profile)).map((profile) => school.data.quietHours[profile]).find(Boolean) ?? null) : undefined;
  const schoolLabel = schoolHours ? t('prefs.quiet.schoolHours', { hours: hoursText(schoolHours) }) : schoolHours === null ? t('prefs.quiet.schoolNone') : t('prefs.quiet.school');
  const needsAddress = adult && (draft.email !== 'off' || draft.emailUrgent) && !draft.emailAddress;

  const submit = () => {
    const parsed = NotificationPreferencesSchema.safeParse(draft);
    if (!parsed.success || needsAddress) {
      setInvalid(true);
      return;
    }
    save.mutate(parsed.data);
  };

  return (
    <Stack gap="xl" maw={860}>
      <title>{t('prefs.pageTitle')}</title>
      <Stack gap="xs">
        <Anchor component={Link} to={notificationPaths.centre} fz="sm">
          ← {t('prefs.back')}
        </Anchor>
        <Title order={1}>{t('prefs.title')}</Title>
        <Text>{tt('prefs.intro')}</Text>
      </Stack>

      <DeliveryPreferences value={draft} onChange={change} />

      <section aria-labelledby="prefs-quiet">
        <Title order={2} id="prefs-quiet" fz="h3" mb="xs">
          {t('prefs.quiet.title')}
        </Title>
        <Text fz="sm" c="dimmed" mb="sm">
          {tt('prefs.quiet.intro')}
        </Text>
        <Radio.Group value={draft.quietHours ? 'own' : 'school'} onChange={(choice) => change({ ...draft, quietHours: choice === 'own' ? (schoolHours ?? NEW_QUIET_HOURS) : null })}>
          <Stack gap="xs">
            <Radio value="school" label={schoolLabel} data-testid="prefs-quiet-school" />
            <Radio value="own" label={t('prefs.quiet.own')} data-testid="prefs-quiet-own" />
          </Stack>
        </Radio.Group>
        {draft.quietHours && (
          <Stack mt="sm" ml="lg">
            <QuietHoursFields idPrefix="my-quiet" value={draft.quietHours} onChange={(quietHours) => change({ ...draft, quietHours })} />
          </Stack>
        )}
      </section>

      {adult && (
        <section aria-labelledby="prefs-email">
          <Title order={2} id="prefs-email" fz="h3" mb="xs">
            {t('prefs.email.title')}
          </Title>
          <Text fz="sm" c="dimmed" mb="sm">
            {t('prefs.email.intro')}
          </Text>
          <Stack gap="sm" maw={480}>
            <TextInput
              type="email"
              label={t('prefs.email.address')}
              value={draft.emailAddress ?? ''}
              autoComplete="email"
              onChange={(event) => change({ ...draft, emailAddress: event.currentTarget.value.trim() || null })}
              error={needsAddress && invalid ? t('prefs.email.addressNeeded') : undefined}
            />
            <NativeSelect
              label={t('prefs.email.frequency')}
              data={EMAIL_FREQUENCIES.map((frequency) => ({ value: frequency, label: t(`prefs.email.frequencies.${frequency}`) }))}
              value={draft.email}
              onChange={(event) => change({ ...draft, email: event.currentTarget.value as EmailFrequency })}
            />
            {me.profiles.includes('parent') && (
              <Checkbox label={t('prefs.email.urgent')} checked={draft.emailUrgent} onChange={(event) => change({ ...draft, emailUrgent: event.currentTarget.checked })} />
            )}
          </Stack>
        </section>
      )}

      <Group gap="sm">
        <Button onClick={submit} loading={save.isPending} data-testid="prefs-save">
          {t('prefs.save')}
        </Button>
        <div role="status" aria-live="polite">
          {save.isSuccess && <Text c="green.8">{t('prefs.saved')}</Text>}
        </div>
      </Group>
      {(invalid || save.isError) && (
        <Alert color="red" variant="light" role="alert">
          {tt('prefs.saveFailed')}
        </Alert>
      )}

      {director && <SchoolSettingsSection />}
    </Stack>
  );
}
