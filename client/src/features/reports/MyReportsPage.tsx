import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ReportStatus, ReportView } from '../../../../shared/moderation/types';
import { useFeatureT } from '../../i18n/feature';
import { reportsI18n } from './i18n';
import { formatDateTime } from '../../lib/format';
import { getLiveSocket, useLiveState } from '../../lib/socket';
import { useMe } from '../auth/useSession';
import { emitAck } from '../moderation/useModeration';

/**
 * What the reporter is shown of the item: what they could read when reporting (kept with the report), or their own
 * quote; never the item as it is now (a moderator may have removed it: then « Contenu retiré par un modérateur »).
 */
const reportedText = (report: ReportView): string => report.excerpt || report.quote;

const STATUS_COLOR: Record<ReportStatus, string> = { open: 'blue', claimed: 'orange', resolved: 'green', dismissed: 'gray' };

/**
 * « Mes signalements »: what a user reported and where each report stands, kept up to date live (a teacher
 * taking it in hand, then acting on it or closing it).
 */
export function MyReportsPage() {
  const { t, language } = useFeatureT(reportsI18n);
  const live = useLiveState();
  const userId = useMe().user.id;
  const [reports, setReports] = useState<ReportView[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const socket = getLiveSocket();
    if (!socket || live !== 'online') return;
    let active = true;
    void emitAck('report:mine', {}).then((answer) => {
      if (!active) return;
      setFailed(!answer.ok);
      if (answer.ok) setReports(answer.data.reports);
    });
    // Only this user's reports: a tab that opened a moderation console also hears the reports of the spaces it moderates.
    const onReport = (report: ReportView) => {
      if (report.reporterId !== userId) return;
      setReports((list) => (list ? (list.some((entry) => entry.id === report.id) ? list.map((entry) => (entry.id === report.id ? report : entry)) : [report, ...list]) : list));
    };
    socket.on('moderation:report', onReport);
    return () => {
      active = false;
      socket.off('moderation:report', onReport);
    };
  }, [live, userId]);

  return (
    <Stack gap="lg" maw={860}>
      <title>{t('pageTitle')}</title>
      <Title order={1}>{t('title')}</Title>
      <Text>{t('intro')}</Text>
      {failed && (
        <Alert color="red" variant="light" role="alert">
          {t('failed')}
        </Alert>
      )}
      {reports === null && !failed && <Text role="status">{t('loading')}</Text>}
      {reports?.length === 0 && <Text c="dimmed">{t('none')}</Text>}
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} data-testid="my-reports">
        {reports?.map((report) => (
          <Card component="li" key={report.id} withBorder radius="md" data-testid="my-report" data-status={report.status}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={700}>
                {t(`kinds.${report.kind}`)} · {t(`categories.${report.category}`)}
              </Text>
              <Badge color={STATUS_COLOR[report.status]} variant="light">
                {t(`status.${report.status}`)}
              </Badge>
            </Group>
            {report.itemRemoved ? (
              <Text mt={4} fs="italic" c="dimmed" data-testid="my-report-removed">
                {t('itemRemoved')}
              </Text>
            ) : (
              reportedText(report) && (
                <Text mt={4} data-testid="my-report-excerpt" style={{ overflowWrap: 'anywhere' }}>
                  « {reportedText(report)} »
                </Text>
              )
            )}
            <Text c="dimmed" fz="sm" mt={4}>
              {t('sentAt', { date: formatDateTime(report.createdAt, language) })}
              {report.status !== 'open' && ` · ${t('updatedAt', { date: formatDateTime(report.updatedAt, language) })}`}
            </Text>
            <Text fz="sm" mt={4}>
              {t(`explain.${report.status}`)}
            </Text>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
