import { Alert, Badge, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ModerationScope } from '../../../../shared/moderation/types';
import { useFeatureT } from '../../i18n/feature';
import { useMe } from '../auth/useSession';
import { useDashboard } from '../dashboard/useDashboard';
import { ReportActions } from './ReportActions';
import { useModerationConsole } from './useModeration';

/** The live moderation console: reports, items waiting for approval, and new contributions, per class or school. */
export function ModerationPage() {
  const { t } = useFeatureT('moderation');
  const me = useMe();
  const dashboard = useDashboard();
  const isDirector = me.profiles.includes('director');
  const classes = dashboard.data?.classes ?? [];
  const [choice, setChoice] = useState<string>('');
  const selected = choice || (isDirector ? 'school' : (classes[0]?.id ?? ''));
  const scope: ModerationScope | null = selected === 'school' ? { kind: 'school' } : selected ? { kind: 'class', classId: selected } : null;
  const { reports, pending, stream, error, replaceReport } = useModerationConsole(scope);
  const fullRights = me.profiles.includes('teacher') || isDirector;
  const open = reports.filter((report) => report.status === 'open' || report.status === 'claimed');

  return (
    <Stack gap="lg" maw={1100}>
      <title>{t('pageTitle')}</title>
      <Title order={1}>{t('title')}</Title>
      <SegmentedControl
        aria-label={t('scope')}
        value={selected}
        onChange={setChoice}
        data={[...(isDirector ? [{ value: 'school', label: t('school') }] : []), ...classes.map((item) => ({ value: item.id, label: item.name }))]}
      />
      {error && <Alert color="red" variant="light" role="alert">{t(`errors.${error}`, { defaultValue: t('failed') })}</Alert>}
      <section aria-labelledby="file-signalements">
        <Title order={2} id="file-signalements" mb="sm">
          {t('reports')} <Badge>{open.length}</Badge>
        </Title>
        {open.length === 0 && <Text c="dimmed">{t('noReports')}</Text>}
        <Stack gap="sm" data-testid="report-queue">
          {open.map((report) => (
            <Card key={report.id} withBorder radius="md" data-testid="report-card">
              <Group justify="space-between" wrap="wrap">
                <Text fw={700}>{t(`categories.${report.category}`)}</Text>
                <Badge variant="light">{t(`kinds.${report.kind}`)}</Badge>
              </Group>
              <Text mt={4} data-testid="report-excerpt">
                « {report.item?.excerpt ?? t('itemGone')} »{report.item?.authorName ? ` — ${report.item.authorName}` : ''}
              </Text>
              {report.text && <Text c="dimmed" fz="sm">{report.text}</Text>}
              <ReportActions report={report} userId={me.user.id} fullRights={fullRights} onReport={replaceReport} />
            </Card>
          ))}
        </Stack>
      </section>
      <section aria-labelledby="en-attente">
        <Title order={2} id="en-attente" mb="sm">
          {t('pending')} <Badge>{pending.length}</Badge>
        </Title>
        {pending.length === 0 ? <Text c="dimmed">{t('noPending')}</Text> : pending.map((item) => <Text key={item.id}>« {item.excerpt} » — {item.authorName}</Text>)}
      </section>
      <section aria-labelledby="flux">
        <Title order={2} id="flux" mb="sm">{t('stream')}</Title>
        {stream.length === 0 ? <Text c="dimmed">{t('noStream')}</Text> : stream.map((item) => <Text key={`${item.id}-${item.version}`}>{t(`states.${item.state}`)} · « {item.excerpt} »</Text>)}
      </section>
    </Stack>
  );
}
