import { Anchor, Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { REASON_CODES, type ModeratedItemView, type ModerationAction, type ReasonCode, type ReportView } from '../../../../shared/moderation/types';
import type { ErrorCode } from '../../../../shared/errors';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';
import { padPath } from '../pad/paths';
import { actionLabelKey, availableActions, failureText, reasonOf } from './consoleState';
import { EditModal } from './EditModal';
import { EvidenceButton } from './EvidenceButton';
import { emitAck, type ModerationConsole } from './useModeration';

interface Props {
  /** The item as last seen (null when a report's item is gone). */
  item: ModeratedItemView | null;
  moderation: ModerationConsole;
  /** Acting from a report (claimed by this moderator): the action resolves it, and it can be dismissed. */
  report?: ReportView;
  /**
   * The report is claimed by someone else (a pupil moderator who may do nothing more on it): those who run the
   * space still act on its item (which resolves every report on it) or dismiss it, so that no report stays stuck.
   */
  takingOver?: boolean;
}

/**
 * A reason, then the actions this moderator may take on the item now, as the server sent them with the item;
 * dismissing a report and the kept originals are for those who run the space (`configure`). Every action sends
 * the version last seen: when someone else acted first, the answer is a conflict and the item's new state is read.
 */
export function ItemActions({ item, moderation, report, takingOver = false }: Props) {
  const { t } = useFeatureT(moderationI18n);
  const [reason, setReason] = useState<ReasonCode | null>(() => reasonOf(report?.category));
  const [reasonMissing, setReasonMissing] = useState(false);
  const [minutes, setMinutes] = useState<number>(10);
  const [result, setResult] = useState('');
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const actions = availableActions(item);
  // Dismissing a report, and reading the originals, is the space's teachers' (never a pupil moderator's).
  const runsSpace = moderation.spaces[item?.spaceId ?? report?.spaceId ?? '']?.configure === true;
  const mayDismiss = Boolean(report) && runsSpace;

  /** The chosen reason, or null after asking for one. */
  const chosenReason = (): ReasonCode | null => {
    setReasonMissing(!reason);
    return reason;
  };
  const failed = async (code: ErrorCode) => {
    setResult(failureText(t, code));
    if (code === 'CONFLICT' && item) await moderation.refreshItem(item);
  };
  const act = async (action: ModerationAction) => {
    // The edit box asks for its reason itself, next to the text.
    if (action === 'edit') return setEditing(true);
    const reasonCode = chosenReason();
    if (!item || !reasonCode) return;
    setBusy(true);
    const answer = await emitAck('moderation:act', {
      kind: item.kind,
      itemId: item.id,
      spaceId: item.spaceId,
      action,
      reasonCode,
      version: item.version,
      ...(report && !takingOver ? { reportId: report.id } : {}),
      ...(action === 'mute' ? { durationMinutes: minutes } : {}),
    });
    setBusy(false);
    if (answer.ok) {
      moderation.applyItem(answer.data.item);
      setResult(t(`done.${action}`));
    } else await failed(answer.code);
  };
  const dismiss = async () => {
    const reasonCode = chosenReason();
    if (!report || !reasonCode) return;
    setBusy(true);
    const answer = await emitAck('moderation:dismiss', { reportId: report.id, version: report.version, reasonCode });
    setBusy(false);
    if (answer.ok) moderation.applyReport(answer.data.report);
    // The report's new state arrives live (`moderation:report`); its card follows.
    setResult(answer.ok ? t('done.dismiss') : failureText(t, answer.code));
  };

  const isPad = item?.kind === 'pad' || report?.kind === 'pad';
  if (actions.length === 0 && !mayDismiss && !isPad) return null;
  return (
    <Stack gap={6} mt="xs">
      {isPad && (
        <Text fz="sm" c="dimmed">
          {t('padNote')}{' '}
          <Anchor component={Link} to={padPath(item?.spaceId ?? report?.spaceId ?? '')}>
            {t('openPad')}
          </Anchor>
        </Text>
      )}
      {(actions.length > 0 || mayDismiss) && (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select
            size="xs"
            label={t('reason')}
            placeholder={t('reasonPlaceholder')}
            data={REASON_CODES.map((code) => ({ value: code, label: t(`reasons.${code}`) }))}
            value={reason}
            onChange={(value) => {
              setReason(value as ReasonCode | null);
              if (value) setReasonMissing(false);
            }}
            allowDeselect={false}
            error={reasonMissing ? t('reasonRequired') : undefined}
            w={200}
          />
          {actions.includes('mute') && <NumberInput size="xs" label={t('muteMinutes')} min={1} max={10_080} value={minutes} onChange={(value) => setMinutes(Number(value) || 10)} w={130} />}
        </Group>
      )}
      <Group gap="xs" wrap="wrap">
        {item &&
          actions.map((action) => (
            <Button key={action} size="xs" variant={action === 'delete' ? 'filled' : 'light'} color={action === 'delete' ? 'red.8' : undefined} disabled={busy} onClick={() => void act(action)}>
              {t(actionLabelKey(item, action))}
            </Button>
          ))}
        {mayDismiss && (
          <Button size="xs" variant="default" disabled={busy} onClick={() => void dismiss()}>
            {t('dismiss')}
          </Button>
        )}
        {/* The originals of what was hidden, deleted or corrected: the teachers of the class and the director only. */}
        {item && runsSpace && item.kind !== 'pad' && <EvidenceButton spaceId={item.spaceId} itemId={item.id} />}
      </Group>
      <Text role="status" fz="sm">
        {result}
      </Text>
      {editing && item && (
        <EditModal
          item={item}
          initialReason={reason}
          reportId={takingOver ? undefined : report?.id}
          moderation={moderation}
          onClose={(message) => {
            setEditing(false);
            if (message) setResult(message);
          }}
        />
      )}
    </Stack>
  );
}
