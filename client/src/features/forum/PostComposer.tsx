import { Alert, Button, CloseButton, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { FORUM_TITLE_MAX_CHARS } from '../../../../shared/forum/limits';
import { DEFAULT_FORUM_RULES } from '../../../../shared/forum/settings';
import type { ForumPostView } from '../../../../shared/forum/types';
import { personalInfoKinds, type PiiKind } from '../../../../shared/pii/detect';
import type { RichTextDoc } from '../../../../shared/richtext/validate';
import { PersonalInfoConfirm, PersonalInfoHint } from '../chat/PersonalInfoConfirm';
import { useForumT } from './i18n';
import { RichTextEditor } from './RichText';

export interface PostDraft {
  /** Kept until the server answers, so a retried publish is stored once. */
  key: string;
  title: string;
  body: RichTextDoc;
}

interface PostComposerProps {
  /** The forum's rules, shown above the editor (the default rules when the teacher left them empty). */
  rules: string;
  withTitle?: boolean;
  submitLabel: string;
  label: string;
  initial?: { title?: string; body?: RichTextDoc | null };
  quote?: ForumPostView | null;
  onRemoveQuote?: () => void;
  /** Resolves with an error message to show, or null once published. */
  onSubmit: (draft: PostDraft) => Promise<string | null>;
  onCancel?: () => void;
  /** Writing is not allowed now (the author is muted): the button is disabled, the text kept. */
  disabled?: boolean;
}

/** Writing a topic, a reply or an edit: the rules first, then the editor; personal information is confirmed. */
export function PostComposer({ rules, withTitle = false, submitLabel, label, initial, quote, onRemoveQuote, onSubmit, onCancel, disabled = false }: PostComposerProps) {
  const { t } = useForumT();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState<RichTextDoc | null>(initial?.body ?? null);
  const [plain, setPlain] = useState('');
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<PiiKind[] | null>(null);
  const [generation, setGeneration] = useState(0);
  const kinds = useMemo(() => personalInfoKinds(`${title}\n${plain}`), [title, plain]);

  const publish = async () => {
    if (!body) return;
    setBusy(true);
    const failure = await onSubmit({ key, title: title.trim(), body });
    setBusy(false);
    setError(failure);
    if (failure === null) {
      // A fresh draft with a fresh key (the editor is remounted empty).
      setKey(crypto.randomUUID());
      setTitle('');
      setBody(null);
      setPlain('');
      setGeneration((value) => value + 1);
    }
  };
  const submit = () => {
    if (!body || (withTitle && !title.trim())) {
      setError(t('editor.empty'));
      return;
    }
    if (kinds.length > 0) setConfirming(kinds);
    else void publish();
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Alert color="blue" variant="light" title={t('editor.rules')} data-testid="forum-rules">
          {(rules.trim() || DEFAULT_FORUM_RULES).split('\n').map((line, index) => (
            <Text key={index} fz="sm">
              {line}
            </Text>
          ))}
        </Alert>
        {withTitle && <TextInput label={t('editor.title')} value={title} onChange={(event) => setTitle(event.currentTarget.value)} maxLength={FORUM_TITLE_MAX_CHARS} required />}
        {quote && (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Text fz="sm" c="dimmed" style={{ flex: 1 }}>
              {t('editor.quoting', { name: quote.authorName })}
            </Text>
            <CloseButton aria-label={t('editor.removeQuote')} onClick={onRemoveQuote} />
          </Group>
        )}
        <RichTextEditor
          key={generation}
          label={label}
          initial={initial?.body ?? null}
          onChange={(doc, text) => {
            setBody(doc);
            setPlain(text);
          }}
        />
        <PersonalInfoHint kinds={kinds} />
        {error && (
          <Alert color="red" role="alert" data-testid="forum-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('editor.cancel')}
            </Button>
          )}
          <Button onClick={submit} loading={busy} disabled={!body || disabled}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
      <PersonalInfoConfirm
        kinds={confirming}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          setConfirming(null);
          void publish();
        }}
      />
    </Paper>
  );
}
