import { Button, Group, NumberInput, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { REASON_CODES, type ModerationAction, type ReasonCode, type ReportView } from '../../../../shared/moderation/types';
import { useFeatureT } from '../../i18n/feature';
import { emitAck } from './useModeration';

interface Props {
  report: ReportView;
  userId: string;
  /** Teachers and the director; pupil moderators only approve and hide. */
  fullRights: boolean;
  onReport: (report: ReportView) => void;
}

/** Claim, then act on a reported item with a reason. */
export function ReportActions({ report, userId, fullRights, onReport }: Props) {
  const { t } = useFeatureT('moderation');
  const [reason, setReason] = useState<ReasonCode>(REASON_CODES[0]);
  const [minutes, setMinutes] = useState<number>(10);
  const [message, setMessage] = useState<string | null>(null);
  const mine = report.status === 'claimed' && report.claimedBy === userId;

  const claim = async () => {
    const answer = await emitAck('moderation:claim', { reportId: report.id, version: report.version });
    if (answer.ok) onReport(answer.data.report);
    else setMessage(answer.code === 'CONFLICT' ? t('conflict') : t(`errors.${answer.code}`, { defaultValue: t('failed') }));
  };
  const act = async (action: ModerationAction) => {
    if (!report.item) return;
    const answer = await emitAck('moderation:act', {
      kind: report.kind,
      itemId: report.itemId,
      spaceId: report.spaceId,
      action,
      reasonCode: reason,
      version: report.item.version,
      reportId: report.id,
      ...(action === 'mute' ? { durationMinutes: minutes } : {}),
    });
    setMessage(answer.ok ? t(`done.${action}`) : answer.code === 'CONFLICT' ? t('conflict') : t('failed'));
  };

  if (report.status === 'resolved' || report.status === 'dismissed') return <Text c="dimmed">{t(`status.${report.status}`)}</Text>;
  if (!mine) {
    return (
      <Group gap="xs">
        <Button size="xs" onClick={() => void claim()} disabled={report.status === 'claimed'}>
          {report.status === 'claimed' ? t('claimedBy', { name: report.claimedByName ?? '' }) : t('claim')}
        </Button>
        {message && <Text role="status" fz="sm">{message}</Text>}
      </Group>
    );
  }
  const actions: ModerationAction[] = fullRights ? ['approve', 'hide', 'restore', 'delete', 'mute'] : ['approve', 'hide'];
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select size="xs" label={t('reason')} data={REASON_CODES.map((code) => ({ value: code, label: t(`reasons.${code}`) }))} value={reason} onChange={(value) => value && setReason(value as ReasonCode)} allowDeselect={false} w={180} />
      {fullRights && <NumberInput size="xs" label={t('muteMinutes')} min={1} max={10_080} value={minutes} onChange={(value) => setMinutes(Number(value) || 10)} w={120} />}
      {actions.map((action) => (
        <Button key={action} size="xs" variant={action === 'delete' ? 'filled' : 'light'} color={action === 'delete' ? 'red.8' : undefined} onClick={() => void act(action)}>
          {t(`actions.${action}`)}
        </Button>
      ))}
      {message && <Text role="status" fz="sm">{message}</Text>}
    </Group>
  );
}
