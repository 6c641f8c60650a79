import { Alert, Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DELETION_DELAY_DAYS_MAX, DELETION_DELAY_DAYS_MIN } from '../../../../shared/lifecycle/limits';
import { useFeatureT } from '../../i18n/feature';
import { apiRequest } from '../../lib/api';
import { errorMessageKey } from '../../lib/errorMessage';
import { adminI18n } from './i18n';

interface DeletionDelay {
  deletionDelayDays: number;
}

const deletionDelayKey = ['admin', 'lifecycle', 'settings'] as const;

/** `GET /api/lifecycle/settings`: the school's delay between a removal and the erasure (the direction only). */
export function useDeletionDelay(enabled: boolean) {
  return useQuery({ queryKey: deletionDelayKey, queryFn: ({ signal }) => apiRequest<DeletionDelay>('/api/lifecycle/settings', { signal }), enabled, retry: false });
}

/**
 * The director's setting (issue 17, Deliver 3): « Délai de suppression des données », in days, at most 90 (the
 * charters' three months) and at least a week (time for a family to download the data). Audited by the server.
 */
export function DeletionDelaySetting({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const { t: adminT } = useFeatureT(adminI18n);
  const client = useQueryClient();
  const setting = useDeletionDelay(enabled);
  const save = useMutation({
    mutationFn: (body: DeletionDelay) => apiRequest<DeletionDelay>('/api/lifecycle/settings', { method: 'PUT', body }),
    onSuccess: (saved) => client.setQueryData(deletionDelayKey, saved),
  });
  const [edited, setEdited] = useState<number | null>(null);
  if (!enabled || !setting.data) return null;
  const days = edited ?? setting.data.deletionDelayDays;
  const valid = Number.isInteger(days) && days >= DELETION_DELAY_DAYS_MIN && days <= DELETION_DELAY_DAYS_MAX;

  return (
    <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="delai-suppression">
      <Stack gap="sm">
        <Title order={2} id="delai-suppression" fz="lg">
          {adminT('deletionDelay.title')}
        </Title>
        <Text>{adminT('deletionDelay.intro', { max: DELETION_DELAY_DAYS_MAX })}</Text>
        <NumberInput
          label={adminT('deletionDelay.label', { max: DELETION_DELAY_DAYS_MAX })}
          description={adminT('deletionDelay.bounds', { min: DELETION_DELAY_DAYS_MIN, max: DELETION_DELAY_DAYS_MAX })}
          value={days}
          min={DELETION_DELAY_DAYS_MIN}
          max={DELETION_DELAY_DAYS_MAX}
          allowDecimal={false}
          maw={220}
          onChange={(value) => setEdited(typeof value === 'number' ? value : Number.NaN)}
          data-testid="deletion-delay-days"
        />
        {save.isError && (
          <Alert color="red" variant="light" role="alert">
            {t(errorMessageKey(save.error))}
          </Alert>
        )}
        {save.isSuccess && edited === null && (
          <Text role="status" c="green.9">
            {adminT('deletionDelay.saved')}
          </Text>
        )}
        <Group>
          <Button loading={save.isPending} disabled={edited === null || !valid} onClick={() => save.mutate({ deletionDelayDays: days }, { onSuccess: () => setEdited(null) })}>
            {adminT('deletionDelay.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
