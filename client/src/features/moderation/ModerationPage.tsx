import { Alert, Badge, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';
import { useMe } from '../auth/useSession';
import { useDashboard } from '../dashboard/useDashboard';
import { useSpaces } from '../spaces/useSpaces';
import { ItemActions } from './ItemActions';
import { ItemCard } from './ItemCard';
import { ReportCard } from './ReportCard';
import { chosenScope, consoleScopes } from './scopes';
import { useModerationConsole } from './useModeration';

/**
 * The live moderation console: reports, items waiting for review, and new contributions, for a scope the server
 * says this user moderates (`capabilities.moderation`: the school, classes, or the spaces a pupil moderator was
 * designated for). What may be done on each item comes with it; when the user's rights change, the scopes follow
 * and the console joins again, or closes.
 */
export function ModerationPage() {
  const { t } = useFeatureT(moderationI18n);
  const me = useMe();
  const moderation = me.capabilities.moderation;
  const dashboard = useDashboard();
  const spaces = useSpaces({ enabled: moderation.spaceIds.length > 0 });
  const names = useMemo(
    () => ({
      classes: new Map((dashboard.data?.classes ?? []).map((item) => [item.id, item.name])),
      spaces: new Map((spaces.data ?? []).map((space) => [space.id, space.title])),
    }),
    [dashboard.data, spaces.data],
  );
  const choices = consoleScopes(moderation, names);
  const [choice, setChoice] = useState('');
  const selected = chosenScope(choices, choice);
  const consoleState = useModerationConsole(selected?.scope ?? null, me.user.id);
  const { reports, pending, stream, error } = consoleState;
  const open = reports.filter((report) => report.status === 'open' || report.status === 'claimed');

  if (!selected) {
    return (
      <Stack gap="lg" maw={1100}>
        <title>{t('pageTitle')}</title>
        <Title order={1}>{t('title')}</Title>
        <Text role="status" fz="lg" data-testid="moderation-closed">
          {t('nothingToModerate')}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap="lg" maw={1100}>
      <title>{t('pageTitle')}</title>
      <Title order={1}>{t('title')}</Title>
      <SegmentedControl
        aria-label={t('scope')}
        value={selected.value}
        onChange={setChoice}
        data={choices.map((entry) => ({ value: entry.value, label: entry.label ?? t(entry.scope.kind === 'school' ? 'school' : entry.scope.kind === 'class' ? 'aClass' : 'aSpace') }))}
      />
      {error && <Alert color="red" variant="light" role="alert">{t(`errors.${error}`, { defaultValue: t('failed') })}</Alert>}
      <section aria-labelledby="file-signalements">
        <Title order={2} id="file-signalements" mb="sm">
          {t('reports')} <Badge>{open.length}</Badge>
        </Title>
        {open.length === 0 && <Text c="dimmed">{t('noReports')}</Text>}
        <Stack gap="sm" data-testid="report-queue">
          {open.map((report) => (
            <ReportCard key={report.id} report={report} moderation={consoleState.moderation} />
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
            <ItemCard key={`${item.kind}:${item.id}`} item={item} kind={item.kind} spaceId={item.spaceId} at={item.createdAt} moderation={consoleState.moderation} testId="pending-item">
              <ItemActions item={item} moderation={consoleState.moderation} />
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
            <ItemCard key={`${item.kind}:${item.id}`} item={item} kind={item.kind} spaceId={item.spaceId} at={item.createdAt} moderation={consoleState.moderation} testId="stream-item">
              <ItemActions item={item} moderation={consoleState.moderation} />
            </ItemCard>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
