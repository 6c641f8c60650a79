import { Alert, Button, Group, Loader, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { REASON_CODES, type ModeratedItemView, type ReasonCode } from '../../../../shared/moderation/types';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';
import { failureText } from './consoleState';
import { emitAck, type ModerationConsole } from './useModeration';

interface Props {
  item: ModeratedItemView;
  initialReason: ReasonCode | null;
  /** Correcting a reported item resolves its report. */
  reportId?: string;
  moderation: ModerationConsole;
  /** Closed, with what happened when the correction went through. */
  onClose: (done?: string) => void;
}

/** Kinds stored as rich text: the correction is plain text, one paragraph per line. */
const RICH_TEXT = new Set(['forumPost', 'wallCard']);

/**
 * A teacher corrects an item's whole text (not the 200-character excerpt) with a reason; the author keeps a
 * revision and is told why. If someone else changed the item meanwhile, its new text is loaded instead.
 */
export function EditModal({ item, initialReason, reportId, moderation, onClose }: Props) {
  const { t } = useFeatureT(moderationI18n);
  const [current, setCurrent] = useState<ModeratedItemView | null>(null);
  const [text, setText] = useState('');
  const [reason, setReason] = useState<ReasonCode | null>(initialReason);
  const [problem, setProblem] = useState<'reason' | 'empty' | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const { applyItem } = moderation;

  const read = useCallback(() => emitAck('moderation:read', { kind: item.kind, itemId: item.id, spaceId: item.spaceId }), [item.kind, item.id, item.spaceId]);
  const show = useCallback(
    (answer: Awaited<ReturnType<typeof read>>) => {
      if (!answer.ok) return setMessage(failureText(t, answer.code));
      setCurrent(answer.data.item);
      setText(answer.data.text);
      applyItem(answer.data.item);
    },
    [applyItem, t],
  );

  useEffect(() => {
    let active = true;
    void read().then((answer) => active && show(answer));
    return () => {
      active = false;
    };
  }, [read, show]);

  const save = async () => {
    if (!current) return;
    const corrected = text.trim();
    setProblem(!reason ? 'reason' : !corrected ? 'empty' : null);
    if (!reason || !corrected) return;
    setBusy(true);
    const answer = await emitAck('moderation:act', {
      kind: current.kind,
      itemId: current.id,
      spaceId: current.spaceId,
      action: 'edit',
      reasonCode: reason,
      version: current.version,
      content: { text: corrected },
      ...(reportId ? { reportId } : {}),
    });
    setBusy(false);
    if (answer.ok) {
      applyItem(answer.data.item);
      return onClose(t('done.edit'));
    }
    setMessage(failureText(t, answer.code));
    // Someone else acted first: show what the item holds now.
    if (answer.code === 'CONFLICT') show(await read());
  };

  return (
    <Modal opened onClose={() => onClose()} title={t('edit.title')} centered size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          {RICH_TEXT.has(item.kind) && <Text fz="sm" c="dimmed">{t('edit.richTextNote')}</Text>}
          {item.kind === 'wallCard' && <Text fz="sm" c="dimmed">{t('edit.cardTitleNote')}</Text>}
          {current ? (
            <Textarea
              label={t('edit.label')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              autosize
              minRows={4}
              maxRows={14}
              error={problem === 'empty' ? t('edit.empty') : undefined}
              data-autofocus
            />
          ) : (
            !message && (
              <Group gap="xs" role="status">
                <Loader size="xs" aria-hidden="true" />
                <Text fz="sm">{t('edit.loading')}</Text>
              </Group>
            )
          )}
          <Select
            label={t('reason')}
            placeholder={t('reasonPlaceholder')}
            data={REASON_CODES.map((code) => ({ value: code, label: t(`reasons.${code}`) }))}
            value={reason}
            onChange={(value) => setReason(value as ReasonCode | null)}
            allowDeselect={false}
            error={problem === 'reason' ? t('reasonRequired') : undefined}
          />
          {message && (
            <Alert color="orange" variant="light" role="status" py={6}>
              {message}
              {current ? ` (${t(`states.${current.state}`)})` : ''}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>
              {t('edit.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!current}>
              {t('edit.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
