import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportedAccount } from '../../../../shared/identity/api';
import { isForbidden, QueryStatus } from '../errors/QueryStatus';
import { ImportForm } from './ImportForm';
import { ImportResult } from './ImportResult';
import { useClassList } from './useClasses';

/** *Import de rentrée*: a class list in, pupil and parent accounts and their connection sheets out. */
export function AdminImportPage() {
  const { t } = useTranslation();
  const classes = useClassList();
  const [accounts, setAccounts] = useState<ImportedAccount[] | null>(null);

  return (
    <Stack gap="lg" maw={960}>
      <title>{t('admin.import.pageTitle')}</title>
      <Title order={1}>{t('admin.import.title')}</Title>
      {classes.isError && isForbidden(classes.error) ? (
        <QueryStatus query={classes} loadingLabel="" />
      ) : accounts ? (
        <>
          <ImportResult accounts={accounts} />
          <Button variant="default" onClick={() => setAccounts(null)} style={{ alignSelf: 'flex-start' }}>
            {t('admin.import.again')}
          </Button>
        </>
      ) : (
        <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }}>
          <Text mb="md">{t('admin.import.intro')}</Text>
          <ImportForm onImported={setAccounts} />
        </Paper>
      )}
    </Stack>
  );
}
