import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMe } from '../auth/useSession';
import { QueryStatus } from '../errors/QueryStatus';
import { useActivity } from './api';
import { DateRangeFields } from './DateRangeFields';
import { EntryList } from './EntryList';
import { AUDIT_PAGE_SIZE, filtersFromParams, filtersToParams, NO_FILTERS, setRange } from './filters';
import { useAuditT } from './i18n';
import { Pager } from './Pager';
import { auditPaths } from './paths';
import { useAuditNames, useReadableClasses } from './useAuditNames';

/**
 * Everything one pupil did, across spaces (charter 001: teachers see the actions of their pupils). The server
 * lets the pupil's teachers and the director in, and logs each read as `activity.read`.
 */
export function PupilActivityPage() {
  const { t } = useAuditT();
  const me = useMe();
  const schoolWide = me.capabilities.audit.school;
  const { userId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { filters, page } = filtersFromParams(params);
  const query = setRange(new URLSearchParams({ page: String(page), pageSize: String(AUDIT_PAGE_SIZE) }), filters.from, filters.to);
  const activity = useActivity(userId, query);
  const { classes } = useReadableClasses(me.capabilities.audit);
  const names = useAuditNames({ schoolWide, classId: null, classes });
  const data = activity.data;
  const name = data ? (data.user?.displayName ?? t('activity.unknown')) : '';

  const change = (range: { from: string | null; to: string | null }, nextPage = 1) =>
    setParams(filtersToParams({ ...NO_FILTERS, ...range }, nextPage));

  return (
    <Stack gap="lg" maw={1100}>
      <title>{data ? t('activity.pageTitle', { name }) : t('activity.titleLoading')}</title>
      <Anchor component={Link} to={auditPaths.console}>
        {t('activity.back')}
      </Anchor>
      <div>
        <Title order={1}>{data ? t('activity.title', { name }) : t('activity.titleLoading')}</Title>
        <Text c="dimmed">{t('activity.intro')}</Text>
      </div>
      <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} component="form" role="search" aria-label={t('filters.legend')} onSubmit={(event) => event.preventDefault()}>
        <Group gap="sm" align="flex-start">
          <DateRangeFields from={filters.from} to={filters.to} onChange={(range) => change(range)} width="11rem" />
        </Group>
      </Paper>
      <QueryStatus query={activity} loadingLabel={t('activity.loading')} />
      {data && (
        <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} aria-busy={activity.isFetching}>
          <Stack gap="md">
            <Text fw={600} aria-live="polite" data-testid="audit-total">
              {t('console.total', { count: data.total })}
            </Text>
            <EntryList
              entries={data.items}
              names={names}
              label={t('activity.label', { name })}
              showActor={false}
              emptyText={t('activity.none')}
            />
            <Pager total={data.total} pageSize={AUDIT_PAGE_SIZE} page={page} onChange={(next) => change(filters, next)} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
