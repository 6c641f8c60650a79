import { Alert } from '@mantine/core';
import { PersonalInfoCheck } from '../../lib/PersonalInfoCheck';
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
 * charter: « je ne donne pas d'informations sur moi »): « Corriger » or « Envoyer quand même ». Sent anyway, the
 * server holds it for review (the personal-information guard): only its author and the moderators see it until
 * a teacher publishes it, and the dialog says exactly that. An adult (`held: false`) is told it will be published
 * as written.
 */
export function PersonalInfoConfirm({
  kinds,
  onCancel,
  onConfirm,
  held = true,
}: {
  kinds: readonly PiiKind[] | null;
  onCancel: () => void;
  onConfirm: () => void;
  /** Whether the server holds what this author sends for review (a pupil's); an adult's is published as written. */
  held?: boolean;
}) {
  const { t } = useChatT();
  const labels = {
    title: held ? t('pii.title') : t('pii.titleAdult'),
    body: t(held ? 'pii.body' : 'pii.bodyAdult', { what: describePersonalInfo(kinds ?? [], t) }),
    correct: t('pii.edit'),
    confirm: t('pii.confirm'),
  };
  return <PersonalInfoCheck opened={kinds !== null} labels={labels} onCorrect={onCancel} onConfirm={onConfirm} />;
}
