import { ActionIcon, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { WALL_COMMENT_MAX } from '../../../../shared/wall/limits';
import type { WallComment } from '../../../../shared/wall/types';
import { formatDateTime } from '../../lib/format';
import { useWallT } from './i18n';

interface CommentsProps {
  cardTitle: string;
  comments: WallComment[];
  canComment: boolean;
  commentsOn: boolean;
  canDelete: (comment: WallComment) => boolean;
  onSend: (text: string) => Promise<boolean>;
  onDelete: (comment: WallComment) => void;
}

/** One level of comments under a card, each with its author and time. */
export function Comments({ cardTitle, comments, canComment, commentsOn, canDelete, onSend, onDelete }: CommentsProps) {
  const { t, language } = useWallT();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const send = async () => {
    if (!text.trim()) return;
    setSending(true);
    if (await onSend(text.trim())) setText('');
    setSending(false);
  };
  return (
    <Stack gap={6} mt="xs">
      <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('comments.list', { title: cardTitle })}>
        {comments.map((comment) => (
          <li key={comment.id} data-testid="wall-comment">
            <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
              <div style={{ minWidth: 0 }}>
                <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {comment.text}
                </Text>
                <Text fz="xs" c="dimmed">
                  {comment.authorName}
                  {comment.authorRole !== 'pupil' && (
                    <Badge component="span" size="xs" variant="light" ml={4}>
                      {t(`card.role.${comment.authorRole}`)}
                    </Badge>
                  )}{' '}
                  · {formatDateTime(comment.createdAt, language)}
                </Text>
              </div>
              {canDelete(comment) && (
                <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('comments.delete')} onClick={() => onDelete(comment)}>
                  ×
                </ActionIcon>
              )}
            </Group>
          </li>
        ))}
      </Stack>
      {!commentsOn && <Text fz="xs" c="dimmed">{t('comments.off')}</Text>}
      {canComment && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <Group gap={6} align="flex-end" wrap="nowrap">
            <Textarea
              label={t('comments.label')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              maxLength={WALL_COMMENT_MAX}
              autosize
              minRows={1}
              maxRows={4}
              size="xs"
              style={{ flex: 1 }}
            />
            <Button type="submit" size="xs" loading={sending} disabled={!text.trim()}>
              {t('comments.send')}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}
