import { Alert, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CreatedAccount } from '../../../../shared/identity/api';
import { PROFILE_PRECEDENCE } from '../../../../shared/identity/profiles';
import { PrintSheetsButton } from './PrintSheetsButton';

/** The new account's identifier and generated password, shown once, and its printable sheet. */
export function CreatedAccountCard({ account, onDone }: { account: CreatedAccount; onDone: () => void }) {
  const { t } = useTranslation();
  const { user, initialPassword } = account;
  const kind = PROFILE_PRECEDENCE.find((profile) => user.profiles.includes(profile)) ?? user.profiles[0] ?? 'guest';

  return (
    <Stack gap="md">
      <Alert color="green" variant="light" role="status" title={t('admin.create.done', { name: user.displayName })}>
        {t('admin.create.passwordOnce')}
      </Alert>
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>{t('auth.login')}</Table.Th>
            <Table.Td>
              <Code fz="md">{user.login}</Code>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('admin.create.initialPassword')}</Table.Th>
            <Table.Td>
              <Code fz="md" data-testid="initial-password">
                {initialPassword}
              </Code>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text>{t('admin.create.sheetHint')}</Text>
      <Group justify="space-between" align="flex-start">
        <PrintSheetsButton accounts={[{ login: user.login, displayName: user.displayName, initialPassword, kind }]} label={t('admin.sheets.printOne')} />
        <Button variant="default" onClick={onDone}>
          {t('common.close')}
        </Button>
      </Group>
    </Stack>
  );
}
