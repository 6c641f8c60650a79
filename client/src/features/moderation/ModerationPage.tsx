import { Alert, Badge, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ModerationScope } from '../../../../shared/moderation/types';
import { useFeatureT } from '../../i18n/feature';
import { useMe } from '../auth/useSession';
import { useDashboard } from '../dashboard/useDashboard';
import { useSpaces } from '../spaces/useSpaces';
import { ItemActions } from './ItemActions';
import { ItemCard } from './ItemCard';
import { ReportCard } from './ReportCard';
import { useModerationConsole } from './useModeration';

/** The live moderation console: reports, items waiting for approval, and new contributions, per class or school. */
export function ModerationPage() {
  const { t } = useFeatureT('moderation');
  const me = useMe();
  const dashboard = useDashboard();
  const spaces = useSpaces();
  const isDirector = me.profiles.includes('director');
  // Teachers and the director; pupil moderators only approve and hide, in the spaces they were designated for.
  const fullRights = me.profiles.includes('teacher') || isDirector;
  const classes = fullRights ? (dashboard.data?.classes ?? []) : [];
  const designated = fullRights ? [] : (spaces.data ?? []).filter((space) => space.moderatorIds.includes(me.user.id));
  const [choice, setChoice] = useState<string>('');
  const selected = choice || (isDirector ? 'school' : (classes[0]?.id ?? (designated[0] ? `space:${designated[0].id}` : '')));
  const scope: ModerationScope | null =
    selected === 'school' ? { kind: 'school' } : selected.startsWith('space:') ? { kind: 'space', spaceId: selected.slice('space:'.length) } : selected ? { kind: 'class', classId: selected } : null;
  const { reports, pending, stream, error, moderation } = useModerationConsole(scope, { userId: me.user.id, fullRights });
  const open = reports.filter((report) => report.status === 'open' || report.status === 'claimed');

  return (
    <Stack gap="lg" maw={1100}>
      <title>{t('pageTitle')}</title>
      <Title order={1}>{t('title')}</Title>
      <SegmentedControl
        aria-label={t('scope')}
        value={selected}
        onChange={setChoice}
        data={[
          ...(isDirector ? [{ value: 'school', label: t('school') }] : []),
          ...classes.map((item) => ({ value: item.id, label: item.name })),
          ...designated.map((space) => ({ value: `space:${space.id}`, label: space.title })),
        ]}
      />
      {error && <Alert color="red" variant="light" role="alert">{t(`errors.${error}`, { defaultValue: t('failed') })}</Alert>}
      <section aria-labelledby="file-signalements">
        <Title order={2} id="file-signalements" mb="sm">
          {t('reports')} <Badge>{open.length}</Badge>
        </Title>
        {open.length === 0 && <Text c="dimmed">{t('noReports')}</Text>}
        <Stack gap="sm" data-testid="report-queue">
          {open.map((report) => (
            <ReportCard key={report.id} report={report} moderation={moderation} />
          ))}
        </Stack>
      </section>
      <section aria-labelledby="en-attente">
        <Title order={2} id="en-attente" mb="sm">
          {t('pending')} <Badge>{pending.length}</Badge>
        </Title>
        {pending.length === 0 && <Text c="dimmed">{t('noPending')}</Text>}
        <Stack gap="sm" data-testid="pending-list">
          {pending.map((item) => (
            <ItemCard key={`${item.kind}:${item.id}`} item={item} kind={item.kind} spaceId={item.spaceId} at={item.createdAt} moderation={moderation} testId="pending-item">
              <ItemActions item={item} moderation={moderation} />
            </ItemCard>
          ))}
        </Stack>
      </section>
      <section aria-labelledby="flux">
        <Title order={2} id="flux" mb={4}>
          {t('stream')}
        </Title>
        <Text c="dimmed" fz="sm" mb="sm">
          {t('streamHelp')}
        </Text>
        {stream.length === 0 && <Text c="dimmed">{t('noStream')}</Text>}
        <Stack gap="sm" data-testid="stream-list">
          {stream.map((item) => (
            <ItemCard key={`${item.kind}:${item.id}`} item={item} kind={item.kind} spaceId={item.spaceId} at={item.createdAt} moderation={moderation} testId="stream-item">
              <ItemActions item={item} moderation={moderation} />
            </ItemCard>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
