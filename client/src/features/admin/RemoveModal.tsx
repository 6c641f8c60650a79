import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/identity/api';
import { DELETION_DELAY_DAYS_DEFAULT } from '../../../../shared/lifecycle/limits';
import { useDeletionDelay } from './DeletionDelaySetting';
import { useFeatureT } from '../../i18n/feature';
import { apiRequest } from '../../lib/api';
import { errorMessageKey } from '../../lib/errorMessage';
import { adminI18n } from './i18n';
import { adminQueryKey } from './useUsers';

/**
 * « Retirer de l'école » (issue 17), after a confirmation: the account is closed at once and erased after the
 * school's delay; the family's objection to keeping the person's shared work can be said here.
 */
export function RemoveModal({ user, onClose, onRemoved }: { user: Pick<PublicUser, 'id' | 'displayName'> | null; onClose: () => void; onRemoved?: (userId: string) => void }) {
  const { t } = useTranslation();
  const { t: adminT } = useFeatureT(adminI18n);
  const client = useQueryClient();
  const [objects, setObjects] = useState(false);
  // The school's delay (the direction reads it; the default otherwise).
  const delay = useDeletionDelay(user !== null);
  const remove = useMutation({
    mutationKey: [...adminQueryKey, 'remove'],
    mutationFn: ({ userId, objectsToKeeping }: { userId: string; objectsToKeeping: boolean }) =>
      apiRequest<PublicUser>(`/api/admin/users/${encodeURIComponent(userId)}/remove`, { method: 'POST', body: { objectsToKeeping } }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminQueryKey }),
  });

  function close() {
    setObjects(false);
    remove.reset();
    onClose();
  }

  return (
    <Modal opened={user !== null} onClose={close} title={adminT('remove.title', { name: user?.displayName ?? '' })} size="lg">
      <Stack gap="md">
        <Text>{adminT('remove.explanation', { days: delay.data?.deletionDelayDays ?? DELETION_DELAY_DAYS_DEFAULT })}</Text>
        <Text>{adminT('remove.keep')}</Text>
        <Checkbox label={adminT('remove.objects')} checked={objects} onChange={(event) => setObjects(event.currentTarget.checked)} />
        {remove.isError && (
          <Alert color="red" variant="light" role="alert">
            {t(errorMessageKey(remove.error))}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => user && remove.mutate({ userId: user.id, objectsToKeeping: objects }, { onSuccess: () => { onRemoved?.(user.id); close(); } })}>
            {adminT('remove.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
