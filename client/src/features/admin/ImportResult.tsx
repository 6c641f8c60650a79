import { Alert, Code, Paper, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportedAccount } from '../../../../shared/identity/api';
import { PrintSheetsButton, type SheetAccount } from './PrintSheetsButton';

export function sheetAccountsOf(accounts: ImportedAccount[]): SheetAccount[] {
  return accounts.map(({ user, initialPassword, kind, childDisplayName }) => ({
    login: user.login,
    displayName: user.displayName,
    initialPassword,
    kind,
    ...(childDisplayName ? { childDisplayName } : {}),
  }));
}

/** The accounts an import created, with their passwords (shown once) and the connection sheets to print. */
export function ImportResult({ accounts }: { accounts: ImportedAccount[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="resultat-import">
      <Stack gap="md">
        <Title order={2} id="resultat-import">
          {t('admin.import.resultTitle', { n: accounts.length })}
        </Title>
        <Alert color="orange" variant="light">
          {t('admin.import.passwordsOnce')}
        </Alert>
        <PrintSheetsButton accounts={sheetAccountsOf(accounts)} />
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" striped data-testid="imported-accounts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.users.name')}</Table.Th>
                <Table.Th scope="col">{t('admin.import.kind')}</Table.Th>
                <Table.Th scope="col">{t('auth.login')}</Table.Th>
                <Table.Th scope="col">{t('admin.create.initialPassword')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.map(({ user, kind, childDisplayName, initialPassword }) => (
                <Table.Tr key={user.id}>
                  <Table.Th scope="row">{user.displayName}</Table.Th>
                  <Table.Td>{kind === 'parent' && childDisplayName ? t('admin.import.parentOf', { name: childDisplayName }) : t(`profiles.${kind}`)}</Table.Td>
                  <Table.Td>
                    <Code>{user.login}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Code>{initialPassword}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
