import { Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { REASON_CODES, type ReasonCode } from '../../../../shared/moderation/types';
import { useChatT } from './i18n';

/**
 * Asks a moderator why they hide or delete something: the author is told the reason (the moderation feature
 * sends it). Used by the chat's menu and the forum's buttons.
 */
export function ReasonModal({ title, opened, onClose, onConfirm }: { title: string; opened: boolean; onClose: () => void; onConfirm: (reason: ReasonCode) => void }) {
  const { t } = useChatT();
  const [reason, setReason] = useState<ReasonCode>('insulte');
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm(reason);
        }}
      >
        <Radio.Group label={t('reasons.title')} value={reason} onChange={(value) => setReason(value as ReasonCode)}>
          <Text c="dimmed" fz="sm">
            {t('reasons.help')}
          </Text>
          <Stack gap="xs" mt="xs">
            {REASON_CODES.map((code) => (
              <Radio key={code} value={code} label={t(`reasons.${code}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            {t('message.cancel')}
          </Button>
          <Button type="submit" color="red" data-autofocus>
            {t('reasons.confirm')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
