import { Alert, Paper, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MyDataPerson } from '../../../../shared/mydata/types';
import { apiRequest } from '../../lib/api';
import { errorMessageKey } from '../../lib/errorMessage';
import { formatDate } from '../../lib/format';
import { useMyDataT } from './i18n';

/**
 * A child removed from the school, on their guardian's « Mes données » (issue 17, Deliver 3): the day their data is
 * erased, and « Retirer aussi ses contributions aux espaces de la classe » (the family's objection to keeping them,
 * `POST /api/lifecycle/users/:id/objection`), until the erasure.
 */
export function RemovedChild({ person }: { person: MyDataPerson & { removal: NonNullable<MyDataPerson['removal']> } }) {
  const { t: appT } = useTranslation();
  const { t, language } = useMyDataT();
  const client = useQueryClient();
  const objection = useMutation({
    mutationFn: (objectsToKeeping: boolean) => apiRequest<{ objectsToKeeping: boolean }>(`/api/lifecycle/users/${encodeURIComponent(person.id)}/objection`, { method: 'POST', body: { objectsToKeeping } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['my-data'] }),
  });
  const checked = objection.isPending ? objection.variables : person.removal.objectsToKeeping;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('removed.title', { name: person.displayName })} data-testid={`mydata-removed-${person.id}`}>
      <Stack gap="xs">
        <Text fw={600}>{t('removed.title', { name: person.displayName })}</Text>
        <Text>{t('removed.deletion', { date: formatDate(person.removal.deletionDate, language) })}</Text>
        <Switch
          label={t('removed.objection')}
          description={t('removed.objectionHint')}
          checked={checked}
          disabled={objection.isPending}
          onChange={(event) => objection.mutate(event.currentTarget.checked)}
        />
        {objection.isError && (
          <Alert color="red" variant="light" role="alert">
            {appT(errorMessageKey(objection.error))}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
