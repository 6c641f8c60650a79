import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { RESTORE_COMMENT_MAX } from '../../../../shared/moderation/limits';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';

/**
 * Restoring undoes a decision (a hide, a delete): no reason code to pick, only an optional comment in the
 * moderator's words, kept in the school's log.
 */
export function RestoreModal({ onClose, onConfirm }: { onClose: () => void; onConfirm: (comment: string) => void }) {
  const { t } = useFeatureT(moderationI18n);
  const [comment, setComment] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('restore.title')} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm(comment.trim());
        }}
      >
        <Stack gap="sm">
          <Text fz="sm">{t('restore.explain')}</Text>
          <Textarea label={t('restore.comment')} description={t('restore.commentHelp')} value={comment} onChange={(event) => setComment(event.currentTarget.value)} maxLength={RESTORE_COMMENT_MAX} autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('reasonModal.cancel')}
            </Button>
            <Button type="submit" data-testid="restore-confirm">
              {t('actions.restore')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
