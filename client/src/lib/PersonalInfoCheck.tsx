import { Button, getDefaultZIndex, Group, Modal, Text } from '@mantine/core';

/** The words of the check, in the feature's voice (« tu » to pupils): each feature passes its own translations. */
export interface PersonalInfoCheckLabels {
  title: string;
  body: string;
  /** Goes back to the text (« Corriger »): the default, focused first. */
  correct: string;
  /** Sends it anyway (« Envoyer quand même »): the server then holds it for a teacher's review. */
  confirm: string;
}

/**
 * Asks a child to think twice before sending what looks like a phone number, an e-mail or an address (pupil
 * charter: « je ne donne pas d'informations sur moi »). It never blocks: sent anyway, the server holds the
 * contribution for a teacher's review (the personal-information guard decides from the text itself). Shared by
 * every feature that warns before sending (chat messages, forum posts, wall cards and comments).
 */
export function PersonalInfoCheck({ opened, labels, onCorrect, onConfirm }: { opened: boolean; labels: PersonalInfoCheckLabels; onCorrect: () => void; onConfirm: () => void }) {
  return (
    // Above the form it was opened from (a card editor is itself a modal).
    <Modal opened={opened} onClose={onCorrect} title={labels.title} centered zIndex={getDefaultZIndex('modal') + 1}>
      <Text mb="lg">{labels.body}</Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCorrect} data-autofocus data-testid="pii-correct">
          {labels.correct}
        </Button>
        <Button color="orange" onClick={onConfirm} data-testid="pii-confirm">
          {labels.confirm}
        </Button>
      </Group>
    </Modal>
  );
}
