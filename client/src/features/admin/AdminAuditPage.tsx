import { Alert, Button, Group, Pagination, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_EVENTS, type AuditEventName } from '../../../../shared/audit/events';
import { errorMessageKey } from '../../lib/errorMessage';
import { isForbidden, QueryStatus } from '../errors/QueryStatus';
import { AuditTable } from './AuditTable';
import { AUDIT_PAGE_SIZE, useAuditLog, useVerifyAudit } from './useAudit';

/** A minimal, read-only view of the audit log and its integrity check (the full console comes later). */
export function AdminAuditPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [event, setEvent] = useState<AuditEventName | null>(null);
  const log = useAuditLog(page, event);
  const verify = useVerifyAudit();
  const pages = log.data ? Math.max(1, Math.ceil(log.data.total / AUDIT_PAGE_SIZE)) : 1;
  const forbidden = log.isError && isForbidden(log.error);

  return (
    <Stack gap="lg" maw={1200}>
      <title>{t('admin.audit.pageTitle')}</title>
      <Title order={1}>{t('admin.audit.title')}</Title>
      {!forbidden && (
        <Group align="flex-end" gap="sm">
          <Select
            label={t('admin.audit.event')}
            placeholder={t('admin.audit.allEvents')}
            data={[...AUDIT_EVENTS]}
            value={event}
            onChange={(value) => {
              setEvent(value as AuditEventName | null);
              setPage(1);
            }}
            clearable
            searchable
            maw={320}
          />
          <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
            {t('admin.audit.verify')}
          </Button>
        </Group>
      )}
      {verify.isSuccess && (
        <Alert color={verify.data.ok ? 'green' : 'red'} variant="light" role="status">
          {verify.data.ok ? t('admin.audit.verifyOk', { n: verify.data.count }) : t('admin.audit.verifyBroken', { seq: verify.data.firstBrokenSeq ?? '?' })}
        </Alert>
      )}
      {verify.isError && (
        <Alert color="red" variant="light" role="alert">
          {t(errorMessageKey(verify.error))}
        </Alert>
      )}
      <QueryStatus query={log} loadingLabel={t('admin.audit.loading')} />
      {log.data && (
        <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }}>
          <Stack gap="md">
            <Text c="dimmed">{t('admin.audit.total', { n: log.data.total })}</Text>
            <AuditTable entries={log.data.items} />
            {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
