import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/identity/api';
import { SuspendSchema } from '../../../../shared/identity/schemas';
import { errorMessageKey } from '../../lib/errorMessage';
import { useFieldError } from '../../lib/useFieldError';
import { validate, type FieldErrors } from '../../lib/validation';
import { useSuspendUser } from './useUsers';

/**
 * Suspends an account after the person was heard (charter: sanctions come after a hearing); the reason is
 * required and goes to the audit log. The server closes the account's sessions and live connections at once.
 */
export function SuspendModal({ user, onClose }: { user: PublicUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const suspend = useSuspendUser();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  function close() {
    setReason('');
    setErrors({});
    suspend.reset();
    onClose();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!user) return;
    const result = validate(SuspendSchema, { reason });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) suspend.mutate({ userId: user.id, reason: result.data.reason }, { onSuccess: close });
  }

  return (
    <Modal opened={user !== null} onClose={close} title={t('admin.suspend.title', { name: user?.displayName ?? '' })} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text>{t('admin.suspend.explanation')}</Text>
          {suspend.isError && (
            <Alert color="red" variant="light" role="alert">
              {t(errorMessageKey(suspend.error))}
            </Alert>
          )}
          <Textarea
            label={t('admin.suspend.reason')}
            description={t('admin.suspend.reasonHint')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={fieldError(errors.reason)}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={suspend.isPending}>
              {t('admin.suspend.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
