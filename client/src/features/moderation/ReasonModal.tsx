import { Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { REASON_CODES, type ReasonCode } from '../../../../shared/moderation/types';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';

interface ReasonModalProps {
  title: string;
  opened: boolean;
  onClose: () => void;
  onConfirm: (reason: ReasonCode) => void;
  /** What is about to happen, above the reasons. */
  children?: ReactNode;
  /** The confirm button's label (« Confirmer » by default). */
  confirmLabel?: string;
  confirmTestId?: string;
  initialReason?: ReasonCode;
  /** Under the reasons' title (by default: the author will be told why). */
  help?: string;
}

/**
 * Asks a moderator why they hide or delete something: the author is told the reason, in words a child
 * understands (the moderation feature sends it). Used by the chat, the forum and the wall.
 */
export function ReasonModal({ title, opened, onClose, onConfirm, children, confirmLabel, confirmTestId, initialReason = 'insulte', help }: ReasonModalProps) {
  const { t } = useFeatureT(moderationI18n);
  const [reason, setReason] = useState<ReasonCode>(initialReason);
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm(reason);
        }}
      >
        {children}
        <Radio.Group label={t('reasonModal.title')} value={reason} onChange={(value) => setReason(value as ReasonCode)}>
          <Text c="dimmed" fz="sm">
            {help ?? t('reasonModal.help')}
          </Text>
          <Stack gap="xs" mt="xs">
            {REASON_CODES.map((code) => (
              <Radio key={code} value={code} label={t(`reasons.${code}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            {t('reasonModal.cancel')}
          </Button>
          <Button type="submit" color="red" data-autofocus data-testid={confirmTestId}>
            {confirmLabel ?? t('reasonModal.confirm')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
