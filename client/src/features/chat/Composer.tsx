import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CHAT_MESSAGE_MAX_CHARS } from '../../../../shared/chat/limits';
import { personalInfoKinds, type PiiKind } from '../../../../shared/pii/detect';
import { useChatT } from './i18n';
import { PersonalInfoConfirm, PersonalInfoHint } from './PersonalInfoConfirm';

interface ComposerProps {
  /** Queues the message (sent now or on reconnection); false when the offline queue is full. */
  onSend: (body: string) => boolean;
  onTyping: () => void;
  /** Text given back after a refusal (muted, closed…), so nothing typed is lost. */
  restored: { body: string; at: number } | null;
  /** Seconds to wait under slow mode (0: none). */
  waitSeconds: number;
  /** Whether the server holds this author's personal information for review (from `ChatMe`). */
  personalInfoHeld: boolean;
  /** Writing is not allowed now (the author is muted): the field and its button are disabled, the text kept. */
  disabled?: boolean;
}

/** The message field: Enter sends, Shift+Enter goes to the line; personal information is confirmed first. */
export function Composer({ onSend, onTyping, restored, waitSeconds, personalInfoHeld, disabled = false }: ComposerProps) {
  const { t } = useChatT();
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState<PiiKind[] | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const kinds = useMemo(() => personalInfoKinds(text), [text]);

  // A refused message comes back into an empty field (adjusting state to a new prop, during render).
  const [restoredAt, setRestoredAt] = useState(restored?.at);
  if (restored && restored.at !== restoredAt) {
    setRestoredAt(restored.at);
    if (!text) setText(restored.body);
  }

  const dispatch = (body: string) => {
    if (onSend(body)) setText('');
    field.current?.focus();
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (disabled || !body || body.length > CHAT_MESSAGE_MAX_CHARS || waitSeconds > 0) return;
    if (kinds.length > 0) setConfirming(kinds);
    else dispatch(body);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form onSubmit={submit} aria-label={t('composer.label')}>
      <Stack gap={6}>
        <PersonalInfoHint kinds={kinds} />
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <Textarea
            ref={field}
            aria-label={t('composer.label')}
            placeholder={t('composer.placeholder')}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              onTyping();
            }}
            onKeyDown={onKeyDown}
            disabled={disabled}
            data-testid="chat-composer-field"
            autosize
            minRows={1}
            maxRows={5}
            style={{ flex: 1 }}
            error={text.length > CHAT_MESSAGE_MAX_CHARS ? t('composer.tooLong', { count: CHAT_MESSAGE_MAX_CHARS }) : undefined}
          />
          <Button type="submit" disabled={disabled || !text.trim() || waitSeconds > 0}>
            {waitSeconds > 0 ? t('composer.waitSlow', { count: waitSeconds }) : t('composer.send')}
          </Button>
        </Group>
      </Stack>
      <PersonalInfoConfirm
        kinds={confirming}
        held={personalInfoHeld}
        onCancel={() => {
          setConfirming(null);
          field.current?.focus();
        }}
        onConfirm={() => {
          setConfirming(null);
          dispatch(text.trim());
        }}
      />
    </form>
  );
}
