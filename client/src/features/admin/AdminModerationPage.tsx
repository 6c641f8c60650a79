import { Alert, Button, NumberInput, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTO_HIDE_MAX_REPORTS, AUTO_HIDE_MIN_REPORTS, EVIDENCE_RETENTION_MAX_MONTHS, EVIDENCE_RETENTION_MIN_MONTHS } from '../../../../shared/moderation/limits';
import type { ModerationSettings } from '../../../../shared/moderation/types';
import { errorMessageKey } from '../../lib/errorMessage';
import { QueryStatus } from '../errors/QueryStatus';
import { useModerationSettings, useSaveModerationSettings } from './useModerationSettings';

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/** The form, started from the saved settings. */
function SettingsForm({ saved }: { saved: ModerationSettings }) {
  const { t } = useTranslation();
  const save = useSaveModerationSettings();
  const [autoHide, setAutoHide] = useState(saved.autoHideAfterReports !== null);
  const [reports, setReports] = useState(saved.autoHideAfterReports ?? 3);
  const [months, setMonths] = useState(saved.evidenceRetentionMonths);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ autoHideAfterReports: autoHide ? reports : null, evidenceRetentionMonths: months });
      }}
    >
      <Stack gap="md">
        <Switch label={t('admin.moderation.autoHide')} description={t('admin.moderation.autoHideHelp')} checked={autoHide} onChange={(event) => setAutoHide(event.currentTarget.checked)} />
        {autoHide && (
          <NumberInput
            label={t('admin.moderation.reports')}
            min={AUTO_HIDE_MIN_REPORTS}
            max={AUTO_HIDE_MAX_REPORTS}
            value={reports}
            onChange={(value) => setReports(clamp(Number(value) || AUTO_HIDE_MIN_REPORTS, AUTO_HIDE_MIN_REPORTS, AUTO_HIDE_MAX_REPORTS))}
            maw={240}
          />
        )}
        <NumberInput
          label={t('admin.moderation.retention')}
          description={t('admin.moderation.retentionHelp')}
          min={EVIDENCE_RETENTION_MIN_MONTHS}
          max={EVIDENCE_RETENTION_MAX_MONTHS}
          value={months}
          onChange={(value) => setMonths(clamp(Number(value) || EVIDENCE_RETENTION_MIN_MONTHS, EVIDENCE_RETENTION_MIN_MONTHS, EVIDENCE_RETENTION_MAX_MONTHS))}
          maw={520}
          styles={{ input: { maxWidth: 160 } }}
        />
        {save.isSuccess && (
          <Alert color="green" variant="light" role="status">
            {t('admin.moderation.saved')}
          </Alert>
        )}
        {save.isError && (
          <Alert color="red" variant="light" role="alert">
            {t(errorMessageKey(save.error))}
          </Alert>
        )}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t('admin.moderation.save')}
        </Button>
      </Stack>
    </form>
  );
}

/** The director's school-wide moderation settings: the automatic hide after N reports, and evidence retention. */
export function AdminModerationPage() {
  const { t } = useTranslation();
  const settings = useModerationSettings();
  return (
    <Stack gap="lg" maw={720}>
      <title>{t('admin.moderation.pageTitle')}</title>
      <Title order={1}>{t('admin.moderation.title')}</Title>
      <Text>{t('admin.moderation.intro')}</Text>
      <QueryStatus query={settings} loadingLabel={t('admin.moderation.loading')} />
      {settings.data && (
        <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }}>
          <SettingsForm saved={settings.data} />
        </Paper>
      )}
    </Stack>
  );
}
