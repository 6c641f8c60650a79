import { Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AuditEntry } from '../../../../shared/audit/events';
import { QueryStatus } from '../errors/QueryStatus';
import { useAuditReaders } from './api';
import { formatWhen, personName, shortId } from './describeEntry';
import { useAuditT } from './i18n';
import { Pager } from './Pager';
import type { AuditNames } from './useAuditNames';
import { useNarrow, useReadLabels } from './useReadLabels';

const READERS_PAGE_SIZE = 20;

/** « Qui a consulté le journal » (the director): reads of the log, of moderation evidence and of activity. */
export function ReadersSection({ names, schoolId }: { names: AuditNames; schoolId: string }) {
  const { t, event, language } = useAuditT();
  const narrow = useNarrow();
  const readFilters = useReadLabels(names);
  // Showing the list is itself a logged read: it waits for the director to ask.
  const [shown, setShown] = useState(false);
  const [page, setPage] = useState(1);
  const readers = useAuditReaders(page, READERS_PAGE_SIZE, shown);
  const items = readers.data?.items ?? [];

  const scopeOf = (entry: AuditEntry): string => {
    const { type, id } = entry.target;
    if (type === 'auditLog') return !id || id === schoolId ? t('entries.school') : t('entries.classPlace', { name: names.classNames.get(id) ?? shortId(id) });
    if (type === 'user' && id) return personName(names, id, t);
    return id ? `${type} ${shortId(id)}` : type;
  };
  const row = (entry: AuditEntry) => ({
    when: <time dateTime={new Date(entry.ts).toISOString()}>{formatWhen(entry.ts, language)}</time>,
    who: entry.actor.userId ? personName(names, entry.actor.userId, t) : t('entries.system'),
    what: event(entry.event),
    scope: scopeOf(entry),
    filters: readFilters(entry) ?? '—',
  });

  return (
    <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="lecteurs-journal" data-testid="audit-readers">
      <Stack gap="sm">
        <Title order={2} id="lecteurs-journal" fz="h3">
          {t('readers.title')}
        </Title>
        <Text c="dimmed">{t('readers.intro')}</Text>
        {!shown && (
          <Button variant="light" onClick={() => setShown(true)} style={{ alignSelf: 'flex-start' }}>
            {t('readers.show')}
          </Button>
        )}
        {shown && <QueryStatus query={readers} loadingLabel={t('readers.loading')} />}
        {shown && readers.data && items.length === 0 && <Text c="dimmed">{t('readers.none')}</Text>}
        {items.length > 0 && narrow && (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('readers.label')}>
            {items.map((entry) => {
              const cell = row(entry);
              return (
                <Paper component="li" key={entry._id} withBorder radius="md" p="sm" data-testid="reader-entry">
                  <Text fz="sm" c="dimmed">
                    {cell.when} · {cell.scope}
                  </Text>
                  <Text fw={600}>{cell.who}</Text>
                  <Text fz="sm" data-event={entry.event}>
                    {cell.what}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {cell.filters}
                  </Text>
                </Paper>
              );
            })}
          </Stack>
        )}
        {items.length > 0 && !narrow && (
          <Table verticalSpacing="xs" striped fz="sm" aria-label={t('readers.label')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('readers.when')}</Table.Th>
                <Table.Th scope="col">{t('readers.who')}</Table.Th>
                <Table.Th scope="col">{t('readers.what')}</Table.Th>
                <Table.Th scope="col">{t('readers.scope')}</Table.Th>
                <Table.Th scope="col">{t('readers.filters')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => {
                const cell = row(entry);
                return (
                  <Table.Tr key={entry._id} data-testid="reader-entry">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{cell.when}</Table.Td>
                    <Table.Td>{cell.who}</Table.Td>
                    <Table.Td data-event={entry.event}>{cell.what}</Table.Td>
                    <Table.Td>{cell.scope}</Table.Td>
                    <Table.Td>{cell.filters}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {shown && readers.data && <Pager total={readers.data.total} pageSize={READERS_PAGE_SIZE} page={page} onChange={setPage} />}
      </Stack>
    </Paper>
  );
}
