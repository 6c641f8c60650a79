import { Badge, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/audit/events';
import { formatDateTime } from '../../lib/format';

const STATUS_COLORS = { success: 'green', denied: 'red', fail: 'orange' } as const;

/** Read-only rows of the log, most recent first as the server sends them. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return <Text c="dimmed">{t('admin.audit.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" striped fz="sm" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('admin.audit.when')}</Table.Th>
            <Table.Th scope="col">{t('admin.audit.event')}</Table.Th>
            <Table.Th scope="col">{t('admin.audit.actor')}</Table.Th>
            <Table.Th scope="col">{t('admin.audit.target')}</Table.Th>
            <Table.Th scope="col">{t('admin.audit.status')}</Table.Th>
            <Table.Th scope="col">{t('admin.audit.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry._id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.ts, i18n.language)}</Table.Td>
              <Table.Td>
                <Code>{entry.event}</Code>
              </Table.Td>
              <Table.Td>
                {entry.actor.userId ?? '—'}
                {entry.actor.profile && (
                  <Text fz="xs" c="dimmed">
                    {t(`profiles.${entry.actor.profile}`)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {entry.target.type}
                {entry.target.id && (
                  <Text fz="xs" c="dimmed">
                    {entry.target.id}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLORS[entry.status]} variant="light" tt="none">
                  {t(`admin.audit.statuses.${entry.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td lang="en">{entry.reason ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
