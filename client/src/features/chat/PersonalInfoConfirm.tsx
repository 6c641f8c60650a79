import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import type { PiiKind } from '../../../../shared/pii/detect';
import { useChatT, type ChatT } from './i18n';

/** « un numéro de téléphone et une adresse e-mail » */
export function describePersonalInfo(kinds: readonly PiiKind[], t: ChatT): string {
  return kinds.map((kind) => t(`pii.${kind}`)).join(t('pii.and'));
}

/** The warning under the composer while the text looks like personal information. */
export function PersonalInfoHint({ kinds }: { kinds: readonly PiiKind[] }) {
  const { t } = useChatT();
  if (kinds.length === 0) return null;
  return (
    <Alert color="orange" variant="light" py={6} data-testid="pii-hint">
      {t('composer.piiWarning', { what: describePersonalInfo(kinds, t) })}
    </Alert>
  );
}

/**
 * Asks a child to think twice before sending what looks like a phone number, an e-mail or an address (pupil
 * charter: « je ne donne pas d'informations sur moi »). It never blocks: the server flags the item for the
 * moderators if it is sent anyway.
 */
export function PersonalInfoConfirm({ kinds, onCancel, onConfirm }: { kinds: readonly PiiKind[] | null; onCancel: () => void; onConfirm: () => void }) {
  const { t } = useChatT();
  return (
    <Modal opened={kinds !== null} onClose={onCancel} title={t('pii.title')} centered>
      <Text mb="lg">{t('pii.body', { what: describePersonalInfo(kinds ?? [], t) })}</Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel} data-autofocus>
          {t('pii.edit')}
        </Button>
        <Button color="orange" onClick={onConfirm}>
          {t('pii.confirm')}
        </Button>
      </Group>
    </Modal>
  );
}
