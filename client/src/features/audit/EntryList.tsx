import { Anchor, Badge, Paper, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '../../../../shared/audit/events';
import { concernedUser, formatWhen, personName, placeOf } from './describeEntry';
import { useAuditT } from './i18n';
import { activityPath } from './paths';
import { useReasonText } from './reasons';
import type { AuditNames } from './useAuditNames';
import { isLogRead, useNarrow, useReadLabels } from './useReadLabels';

const STATUS_COLORS = { success: 'green', denied: 'red', fail: 'orange' } as const;

interface EntryListProps {
  entries: AuditEntry[];
  names: Pick<AuditNames, 'people' | 'spaces' | 'classNames'>;
  /** A label for the list (screen readers). */
  label: string;
  /** Without the author column: the activity page is one person's. */
  showActor?: boolean;
  /** Whose activity page the reader may open (the actor's name becomes a link). */
  canOpenActivity?: (userId: string) => boolean;
  emptyText: string;
}

/** Entries of the log, newest first as the server sends them: a table from desktops up, cards below. */
export function EntryList({ entries, names, label, showActor = true, canOpenActivity = () => false, emptyText }: EntryListProps) {
  const { t, event } = useAuditT();
  const reasonOf = useReasonText();
  const { t: tMain, i18n } = useTranslation();
  const narrow = useNarrow();
  const readFilters = useReadLabels(names);
  if (entries.length === 0) return <Text c="dimmed">{emptyText}</Text>;

  const cells = (entry: AuditEntry) => {
    const userId = entry.actor.userId;
    const actorName = userId ? personName(names, userId, t) : t('entries.system');
    const concerned = concernedUser(entry);
    // A read of the log shows its filters in words; any other reason is the server's technical note.
    const filtersRead = isLogRead(entry) ? readFilters(entry) : null;
    const actor: ReactNode = (
      <>
        {userId && canOpenActivity(userId) ? (
          <Anchor component={Link} to={activityPath(userId)} aria-label={t('entries.openActivity', { name: actorName })}>
            {actorName}
          </Anchor>
        ) : (
          actorName
        )}
        {entry.actor.profile && (
          <Text fz="xs" c="dimmed">
            {tMain(`profiles.${entry.actor.profile}`)}
          </Text>
        )}
      </>
    );
    const what: ReactNode = (
      <>
        <Text fz="sm" fw={600} data-event={entry.event}>
          {event(entry.event, { name: concerned ? personName(names, concerned.id, t) : t('entries.system') })}
        </Text>
        {concerned && (
          <Text fz="xs" c="dimmed">
            {t(concerned.as === 'subject' ? 'entries.about' : 'entries.owner', { name: personName(names, concerned.id, t) })}
          </Text>
        )}
        {filtersRead !== null ? (
          <Text fz="xs" c="dimmed">
            {filtersRead}
          </Text>
        ) : (
          entry.reason && (
            <Text fz="xs" c="dimmed" lineClamp={2} title={reasonOf(entry.reason)}>
              {t('entries.detail')} {reasonOf(entry.reason)}
            </Text>
          )
        )}
      </>
    );
    return {
      when: <time dateTime={new Date(entry.ts).toISOString()}>{formatWhen(entry.ts, i18n.language)}</time>,
      what,
      actor,
      place: placeOf(entry, names, t) ?? '—',
      status: (
        <Badge color={STATUS_COLORS[entry.status]} variant="light" tt="none">
          {t(`statuses.${entry.status}`)}
        </Badge>
      ),
    };
  };

  if (narrow) {
    return (
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label} data-testid="audit-entries">
        {entries.map((entry) => {
          const cell = cells(entry);
          return (
            <Paper component="li" key={entry._id} withBorder radius="md" p="sm" data-testid="audit-entry">
              <Text fz="sm" c="dimmed">
                {cell.when} · {cell.place}
              </Text>
              {cell.what}
              {showActor && <Text fz="sm" component="div" mt={4}>{cell.actor}</Text>}
              <div style={{ marginTop: 4 }}>{cell.status}</div>
            </Paper>
          );
        })}
      </Stack>
    );
  }

  return (
    <Table verticalSpacing="xs" striped fz="sm" aria-label={label} data-testid="audit-entries">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('entries.when')}</Table.Th>
          <Table.Th scope="col">{t('entries.event')}</Table.Th>
          {showActor && <Table.Th scope="col">{t('entries.actor')}</Table.Th>}
          <Table.Th scope="col">{t('entries.place')}</Table.Th>
          <Table.Th scope="col">{t('entries.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => {
          const cell = cells(entry);
          return (
            <Table.Tr key={entry._id} data-testid="audit-entry">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{cell.when}</Table.Td>
              <Table.Td>{cell.what}</Table.Td>
              {showActor && <Table.Td>{cell.actor}</Table.Td>}
              <Table.Td>{cell.place}</Table.Td>
              <Table.Td>{cell.status}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
