import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../lib/errorMessage';

/**
 * The first step of a dialog that issues something to hand over (a one-time code, the class's cards): what it is,
 * that it goes to the log, the server's refusal if any, then « Annuler » or the action.
 */
export function IssueConfirm({
  explanation,
  journal,
  error,
  pending,
  action,
  onCancel,
  onConfirm,
  testId,
}: {
  explanation: string;
  journal: string;
  error: unknown;
  pending: boolean;
  action: string;
  onCancel: () => void;
  onConfirm: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Text>{explanation}</Text>
      <Text c="dimmed">{journal}</Text>
      {error != null && (
        <Alert color="red" variant="light" role="alert">
          {t(errorMessageKey(error))}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button loading={pending} onClick={onConfirm} data-testid={testId} data-autofocus>
          {action}
        </Button>
      </Group>
    </Stack>
  );
}
