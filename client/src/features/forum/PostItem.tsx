import { Alert, Badge, Blockquote, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { ForumMe, ForumModerationAction, ForumPostView } from '../../../../shared/forum/types';
import { useForumT, type ForumKey } from './i18n';
import { RichTextView } from './RichText';
import { ReportButton } from '../moderation/ReportButton';

export interface PostActions {
  quote?: () => void;
  edit?: () => void;
  moderate: (action: ForumModerationAction) => void;
  revisions: () => void;
}

/** The forum's moderation buttons, in the order shown; which ones appear is the server's `post.actions`. */
const BUTTONS: { action: ForumModerationAction; label: (post: ForumPostView) => ForumKey; color: string; variant: 'light' | 'subtle' }[] = [
  { action: 'approve', label: (post) => (post.pendingBody ? 'post.approveChange' : 'post.approve'), color: 'green', variant: 'light' },
  { action: 'reject', label: () => 'post.reject', color: 'orange', variant: 'subtle' },
  { action: 'hide', label: () => 'post.hide', color: 'gray', variant: 'subtle' },
  { action: 'delete', label: () => 'post.remove', color: 'red', variant: 'subtle' },
  { action: 'restore', label: () => 'post.restore', color: 'blue', variant: 'subtle' },
];

/**
 * One post. Everyone sees « modifié »; moderators also see the removed original, its status, the personal
 * information flag and the earlier versions. Pupils and parents see « message supprimé par un modérateur ». A
 * change waiting for review is shown, marked, to its author and the moderators only; a post held for personal
 * information tells its author in words a child understands.
 */
export function PostItem({ post, me, actions, language, highlighted = false }: { post: ForumPostView; me: ForumMe | null; actions: PostActions; language: string; highlighted?: boolean }) {
  const { t } = useForumT();
  const date = (at: number) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  const removed = post.status === 'hidden' || post.status === 'deleted';
  return (
    <Paper
      component="article"
      id={`message-${post.seq}`}
      withBorder
      radius="md"
      p="md"
      data-testid="forum-post"
      data-seq={post.seq}
      data-status={post.status}
      aria-labelledby={`auteur-${post.id}`}
      // The post a notification opened (`?message=`): outlined, and focusable so that it can take the focus.
      data-highlighted={highlighted || undefined}
      tabIndex={highlighted ? -1 : undefined}
      style={highlighted ? { outline: '3px solid #1971c2', outlineOffset: 2 } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap={6} wrap="wrap">
            <Text fw={700} id={`auteur-${post.id}`}>
              {post.authorName}
            </Text>
            <Text c="dimmed" fz="sm">
              {date(post.createdAt)}
            </Text>
            {post.edited && (
              <Text c="dimmed" fz="sm" fs="italic" title={post.editedAt ? t('post.editedAt', { date: date(post.editedAt) }) : undefined} data-testid="forum-edited">
                {t('post.edited')}
              </Text>
            )}
          </Group>
          <Group gap={4}>
            {post.status === 'pending' && <Badge color="yellow">{t('post.pending')}</Badge>}
            {me?.moderator && post.status === 'hidden' && <Badge color="gray">{t('post.hidden')}</Badge>}
            {me?.moderator && post.status === 'deleted' && <Badge color="red">{t('post.deleted')}</Badge>}
            {me?.moderator && post.personalInfo && (
              <Badge color="red" variant="light" data-testid="forum-personal-info">
                {t('post.personalInfo')}
              </Badge>
            )}
            {post.pii.length > 0 && <Badge color="orange" data-testid="forum-pii">{t('post.pii')}</Badge>}
          </Group>
        </Group>
        {post.personalInfo && !me?.moderator && (
          <Alert color="orange" variant="light" data-testid="forum-personal-info-held">
            {t('post.personalInfoHeld')}
          </Alert>
        )}
        {post.quote && (
          <Blockquote p="xs" fz="sm" data-testid="forum-quote">
            <Text fz="xs" c="dimmed" fs="italic">
              {t('post.wrote', { name: post.quote.authorName })}
            </Text>
            {post.quote.excerpt !== null ? (
              <Text fz="sm" td={post.quote.removed ? 'line-through' : undefined}>
                {post.quote.excerpt}
              </Text>
            ) : (
              <Text fs="italic" c="dimmed" fz="sm">
                {t('post.quoteRemoved')}
              </Text>
            )}
          </Blockquote>
        )}
        {post.pendingBody && (
          <Paper withBorder p="xs" radius="sm" bg="yellow.0" data-testid="forum-pending-change">
            <Badge color="yellow" mb={4}>
              {t('post.pendingChange')}
            </Badge>
            <RichTextView doc={post.pendingBody} />
          </Paper>
        )}
        {post.pendingBody && post.body && (
          <Text fz="xs" c="dimmed">
            {t('post.publishedVersion')}
          </Text>
        )}
        {post.body ? (
          <div style={removed ? { opacity: 0.6, textDecoration: 'line-through' } : undefined}>
            <RichTextView doc={post.body} />
          </div>
        ) : (
          <Text fs="italic" c="dimmed" data-testid="forum-removed">
            {t('post.hiddenByModerator')}
          </Text>
        )}
        <Group gap="xs">
          {!removed && <ReportButton kind="forumPost" itemId={post.id} spaceId={post.forumId} />}
          {actions.quote && !removed && (
            <Button size="compact-sm" variant="subtle" onClick={actions.quote}>
              {t('post.quote')}
            </Button>
          )}
          {actions.edit && !removed && (
            <Button size="compact-sm" variant="subtle" onClick={actions.edit}>
              {t('post.edit')}
            </Button>
          )}
          {BUTTONS.filter((button) => post.actions.includes(button.action)).map((button) => (
            <Button key={button.action} size="compact-sm" variant={button.variant} color={button.color} onClick={() => actions.moderate(button.action)}>
              {t(button.label(post))}
            </Button>
          ))}
          {me?.moderator && post.revisionCount > 0 && (
            <Button size="compact-sm" variant="subtle" onClick={actions.revisions} data-testid="forum-revisions-button">
              {t('post.revisions', { count: post.revisionCount })}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
