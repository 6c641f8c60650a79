import { Box, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { ReportView } from '../../../../shared/moderation/types';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';
import { failureText, reportFromConflict } from './consoleState';
import { ItemActions } from './ItemActions';
import { ItemCard } from './ItemCard';
import { emitAck, type ModerationConsole } from './useModeration';

/** A report in the queue: a moderator claims it, then acts on its item (which resolves it) or dismisses it. */
export function ReportCard({ report, moderation }: { report: ReportView; moderation: ModerationConsole }) {
  const { t } = useFeatureT(moderationI18n);
  const [result, setResult] = useState('');
  const mine = report.status === 'claimed' && report.claimedBy === moderation.userId;
  // Those who run the space are never blocked by someone else's claim (a pupil moderator may not dismiss).
  const takingOver = report.status === 'claimed' && !mine && moderation.spaces[report.spaceId]?.configure === true;

  const claim = async () => {
    const answer = await emitAck('moderation:claim', { reportId: report.id, version: report.version });
    if (answer.ok) return moderation.applyReport(answer.data.report);
    setResult(failureText(t, answer.code));
    // The losing claim gets the report as it is now (claimed by someone else, or handled).
    const current = answer.code === 'CONFLICT' ? reportFromConflict(answer.message) : null;
    if (current) moderation.applyReport(current);
  };

  return (
    <ItemCard
      item={report.item}
      kind={report.kind}
      spaceId={report.spaceId}
      at={report.createdAt}
      moderation={moderation}
      testId="report-card"
      heading={<Text fw={700}>{t(`categories.${report.category}`)}</Text>}
      byline={report.item?.authorName ? t('byAuthor', { name: report.item.authorName }) : undefined}
      excerptTestId="report-excerpt"
    >
      <Box mt={6} p={6} bg="gray.0" style={{ borderRadius: 4 }} data-testid="report-reporter">
        <Text fz="sm" fw={600}>
          {report.reporterName ? t('reporter.by', { name: report.reporterName }) : t('reporter.hidden')} · {t(`categories.${report.category}`)}
        </Text>
        {report.text && <Text fz="sm">{t('reporter.comment', { text: report.text })}</Text>}
      </Box>
      {mine ? (
        <ItemActions item={report.item} moderation={moderation} report={report} />
      ) : (
        <>
          <Group gap="xs" mt="xs">
            <Button size="xs" onClick={() => void claim()} disabled={report.status !== 'open'}>
              {report.status === 'claimed' ? t('claimedBy', { name: report.claimedByName ?? '' }) : t('claim')}
            </Button>
            <Text role="status" fz="sm">
              {result}
            </Text>
          </Group>
          {takingOver && <ItemActions item={report.item} moderation={moderation} report={report} takingOver />}
        </>
      )}
    </ItemCard>
  );
}
