import { ActionIcon, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { WALL_COMMENT_MAX } from '../../../../shared/wall/limits';
import type { WallComment } from '../../../../shared/wall/types';
import { TOUCH_TARGET_PX, touchTarget } from '../../app/layout/media';
import { formatDateTime } from '../../lib/format';
import { ReportButton } from '../moderation/ReportButton';
import { useWallT } from './i18n';

interface CommentsProps {
  cardTitle: string;
  comments: WallComment[];
  canComment: boolean;
  commentsOn: boolean;
  userId: string;
  canDelete: (comment: WallComment) => boolean;
  canHide: (comment: WallComment) => boolean;
  canRestore: (comment: WallComment) => boolean;
  canApprove: (comment: WallComment) => boolean;
  onSend: (text: string) => Promise<boolean>;
  onDelete: (comment: WallComment) => void;
  onModerate: (comment: WallComment, action: 'hide' | 'restore' | 'approve') => void;
  /** Shown under the comment box (the card's author in quiet hours). */
  notice?: ReactNode;
}

/** One level of comments under a card, each with its author and time, and what the user may do with it. */
export function Comments({ cardTitle, comments, canComment, commentsOn, userId, canDelete, canHide, canRestore, canApprove, onSend, onDelete, onModerate, notice }: CommentsProps) {
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
          <li
            key={comment.id}
            data-testid="wall-comment"
            data-hidden={comment.hidden ? 'true' : undefined}
            data-status={comment.status}
            style={comment.hidden || comment.status === 'pending' ? { opacity: 0.75 } : undefined}
          >
            <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
              <div style={{ minWidth: 0 }}>
                {comment.hidden && (
                  <Badge size="xs" color="red" variant="filled">
                    {t('comments.hidden')}
                  </Badge>
                )}
                {!comment.hidden && comment.status === 'pending' && (
                  <Badge size="xs" color="orange" variant="filled">
                    {t('comments.pending')}
                  </Badge>
                )}
                {comment.personalInfo && (
                  <Badge size="xs" color="grape" variant="light" ml={4} data-testid="wall-comment-personal-info">
                    {t('card.personalInfo')}
                  </Badge>
                )}
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
              <Group gap={2} wrap="nowrap" className="wall-touch">
                {!comment.hidden && comment.status !== 'pending' && comment.authorId !== userId && !canDelete(comment) && <ReportButton kind="wallComment" itemId={comment.id} spaceId={comment.spaceId} quote={comment.text} />}
                {canHide(comment) && (
                  <Button variant="subtle" color="orange" size="compact-sm" onClick={() => onModerate(comment, 'hide')} style={touchTarget}>
                    {t('comments.hide')}
                  </Button>
                )}
                {canApprove(comment) && (
                  <Button variant="subtle" color="green" size="compact-sm" onClick={() => onModerate(comment, 'approve')} style={touchTarget}>
                    {t('comments.approve')}
                  </Button>
                )}
                {canRestore(comment) && (
                  <Button variant="subtle" color="green" size="compact-sm" onClick={() => onModerate(comment, 'restore')} style={touchTarget}>
                    {t('comments.restore')}
                  </Button>
                )}
                {canDelete(comment) && (
                  <ActionIcon variant="subtle" color="red" size={TOUCH_TARGET_PX} aria-label={t('comments.delete')} onClick={() => onDelete(comment)}>
                    ×
                  </ActionIcon>
                )}
              </Group>
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
            <Button type="submit" size="xs" loading={sending} disabled={!text.trim()} style={touchTarget}>
              {t('comments.send')}
            </Button>
          </Group>
          {notice}
        </form>
      )}
    </Stack>
  );
}
