import { Anchor, Button, Group, Menu, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ModeratedItemView, ModerationAction, ReasonCode, ReportView } from '../../../../shared/moderation/types';
import type { ErrorCode } from '../../../../shared/errors';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';
import { padPath } from '../pad/paths';
import { actionLabelKey, actionPrompt, availableActions, failureText, reasonOf, splitActions } from './consoleState';
import { EditModal } from './EditModal';
import { EvidenceModal } from './EvidenceModal';
import { ReasonModal } from './ReasonModal';
import { RestoreModal } from './RestoreModal';
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

/** The files an item still shows (published or waiting for review): the only ones the wall's file route serves. */
const liveFiles = (item: ModeratedItemView): string[] =>
  item.state === 'deleted' ? [] : [item.display.attachment?.blobId, item.pendingDisplay?.attachment?.blobId].filter((id): id is string => Boolean(id));

/** What is being asked before an action is sent: its reason (with a duration for a mute), a restore's comment, the edit box. */
type Asking = { action: ModerationAction | 'dismiss'; prompt: 'reason' | 'comment' | 'edit' } | null;

/**
 * The actions this moderator may take on the item now, as the server sent them with the item: the one or two that
 * fit its state as buttons, the others in a menu. Each asks only what it needs when chosen (a reason code for what
 * withdraws or changes something, an optional comment for a restore, nothing to approve). Dismissing a report and
 * the kept originals are for those who run the space (`configure`). Every action sends the version last seen:
 * when someone else acted first, the answer is a conflict and the item's new state is read.
 */
export function ItemActions({ item, moderation, report, takingOver = false }: Props) {
  const { t } = useFeatureT(moderationI18n);
  const [asking, setAsking] = useState<Asking>(null);
  const [minutes, setMinutes] = useState<number>(10);
  const [result, setResult] = useState('');
  const [busy, setBusy] = useState(false);
  const [showEvidence, setShowEvidence] = useState(false);
  const actions = availableActions(item);
  const { primary, secondary } = splitActions(actions);
  // Dismissing a report, and reading the originals, is the space's teachers' (never a pupil moderator's).
  const runsSpace = moderation.spaces[item?.spaceId ?? report?.spaceId ?? '']?.configure === true;
  const mayDismiss = Boolean(report) && runsSpace;
  const suggested: ReasonCode = reasonOf(report?.category) ?? 'autre';

  const failed = async (code: ErrorCode) => {
    setResult(failureText(t, code));
    if (code === 'CONFLICT' && item) await moderation.refreshItem(item);
  };
  const send = async (action: ModerationAction, extra: { reasonCode?: ReasonCode; comment?: string }) => {
    setAsking(null);
    if (!item) return;
    setBusy(true);
    const answer = await emitAck('moderation:act', {
      kind: item.kind,
      itemId: item.id,
      spaceId: item.spaceId,
      action,
      version: item.version,
      ...extra,
      ...(report && !takingOver ? { reportId: report.id } : {}),
      ...(action === 'mute' ? { durationMinutes: minutes } : {}),
    });
    setBusy(false);
    if (answer.ok) {
      moderation.applyItem(answer.data.item);
      setResult(t(`done.${action}`));
    } else await failed(answer.code);
  };
  const choose = (action: ModerationAction) => {
    const prompt = actionPrompt(action);
    if (prompt === 'none') void send(action, {});
    else setAsking({ action, prompt });
  };
  const dismiss = async (reasonCode: ReasonCode) => {
    setAsking(null);
    if (!report) return;
    setBusy(true);
    const answer = await emitAck('moderation:dismiss', { reportId: report.id, version: report.version, reasonCode });
    setBusy(false);
    if (answer.ok) moderation.applyReport(answer.data.report);
    // The report's new state arrives live (`moderation:report`); its card follows.
    setResult(answer.ok ? t('done.dismiss') : failureText(t, answer.code));
  };

  const isPad = item?.kind === 'pad' || report?.kind === 'pad';
  const evidence = item !== null && runsSpace && item.kind !== 'pad';
  if (actions.length === 0 && !mayDismiss && !isPad && !evidence) return null;
  const label = (action: ModerationAction) => (item ? t(actionLabelKey(item, action)) : '');
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
      <Group gap="xs" wrap="wrap">
        {item &&
          primary.map((action) => (
            <Button key={action} size="sm" variant={action === 'hide' || action === 'reject' ? 'light' : 'filled'} color={action === 'hide' ? 'orange' : undefined} disabled={busy} onClick={() => choose(action)}>
              {label(action)}
            </Button>
          ))}
        {mayDismiss && (
          <Button size="sm" variant="default" disabled={busy} onClick={() => setAsking({ action: 'dismiss', prompt: 'reason' })}>
            {t('dismiss')}
          </Button>
        )}
        {item && (secondary.length > 0 || evidence) && (
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button size="sm" variant="subtle" disabled={busy} data-testid="more-actions">
                {t('moreActions')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {secondary.map((action) => (
                <Menu.Item key={action} color={action === 'delete' ? 'red.8' : undefined} onClick={() => choose(action)}>
                  {label(action)}
                </Menu.Item>
              ))}
              {/* The originals of what was hidden, deleted or corrected: the teachers of the class and the director only. */}
              {evidence && <Menu.Item onClick={() => setShowEvidence(true)}>{t('evidence.open')}</Menu.Item>}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Text role="status" fz="sm">
        {result}
      </Text>
      {asking?.prompt === 'reason' && (
        <ReasonModal
          opened
          title={asking.action === 'dismiss' ? t('dismissTitle') : t('askReason', { action: label(asking.action) })}
          confirmLabel={asking.action === 'dismiss' ? t('dismiss') : label(asking.action)}
          confirmTestId="reason-confirm"
          initialReason={suggested}
          help={asking.action === 'dismiss' ? t('dismissHelp') : undefined}
          onClose={() => setAsking(null)}
          onConfirm={(reasonCode) => (asking.action === 'dismiss' ? void dismiss(reasonCode) : void send(asking.action, { reasonCode }))}
        >
          {asking.action === 'mute' && <NumberInput label={t('muteMinutes')} min={1} max={10_080} value={minutes} onChange={(value) => setMinutes(Number(value) || 10)} w={160} mb="sm" />}
        </ReasonModal>
      )}
      {showEvidence && item && <EvidenceModal spaceId={item.spaceId} itemId={item.id} kind={item.kind} liveFiles={liveFiles(item)} onClose={() => setShowEvidence(false)} />}
      {asking?.prompt === 'comment' && item && <RestoreModal onClose={() => setAsking(null)} onConfirm={(comment) => void send('restore', comment ? { comment } : {})} />}
      {asking?.prompt === 'edit' && item && (
        <EditModal
          item={item}
          initialReason={reasonOf(report?.category)}
          reportId={takingOver ? undefined : report?.id}
          moderation={moderation}
          onClose={(message) => {
            setAsking(null);
            if (message) setResult(message);
          }}
        />
      )}
    </Stack>
  );
}
