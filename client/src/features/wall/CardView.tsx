import { ActionIcon, Anchor, Badge, Button, Group, Image, Menu, Paper, Text, Title, UnstyledButton } from '@mantine/core';
import { useState, type CSSProperties, type HTMLAttributes } from 'react';
import {
  canApproveCard,
  canApproveComment,
  canCommentCard,
  canDeleteCard,
  canDeleteComment,
  canEditCard,
  canHideCard,
  canHideComment,
  canReactCard,
  canRejectCard,
  canRestoreCard,
  canRestoreComment,
  type WallRights,
} from '../../../../shared/wall/policy';
import type { WallCard, WallComment, WallLock } from '../../../../shared/wall/types';
import { TOUCH_TARGET_PX, touchTarget } from '../../app/layout/media';
import { formatDateTime } from '../../lib/format';
import { ReportButton } from '../moderation/ReportButton';
import { AvailabilityNotice } from '../notifications/availability/AvailabilityNotice';
import { Comments } from './Comments';
import { PinnedBadge } from './PinnedBadge';
import { drawingAlt } from './drawing/DrawingField';
import { CardLink } from './embeds/CardLink';
import { FileIcon } from './icons';
import { isMedia, MediaPlayer } from './media/MediaPlayer';
import { useWallT, type WallKey } from './i18n';
import { CARD_COLORS } from './palette';
import { Reactions } from './Reactions';
import { RichTextView } from './RichTextView';
import type { WallModerationAction } from './useWallModeration';

export interface CardMove {
  labelKey: WallKey;
  run: () => void;
}

export interface CardHandlers {
  onEdit: (card: WallCard) => void;
  onDelete: (card: WallCard) => void;
  onApprove: (card: WallCard) => void;
  onReact: (card: WallCard, value: number) => void;
  onComment: (card: WallCard, text: string) => Promise<boolean>;
  onDeleteComment: (comment: WallComment) => void;
  /** A moderator hides, restores, approves or rejects a card or a comment: the moderation path. */
  onModerate: (target: { kind: 'wallCard'; item: WallCard } | { kind: 'wallComment'; item: WallComment }, action: WallModerationAction) => void;
}

interface CardViewProps {
  card: WallCard;
  comments: WallComment[];
  rights: WallRights;
  lock: WallLock | undefined;
  handlers: CardHandlers;
  /** The card a notification opened (`?carte=`): outlined, and focusable so that it can take the focus. */
  highlighted?: boolean;
  moves: CardMove[];
  /** dnd-kit's handle: attributes and listeners of the drag handle. */
  dragHandle?: HTMLAttributes<HTMLButtonElement> | undefined;
  style?: CSSProperties;
  setRef?: (element: HTMLElement | null) => void;
}

const fileUrl = (card: WallCard, thumb: boolean) => `/api/walls/${card.spaceId}/files/${card.attachment!.blobId}${thumb ? '/thumb' : ''}`;
const sizeText = (bytes: number) => (bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} Mo` : `${Math.max(1, Math.round(bytes / 1024))} Ko`);

/** One card: its content, its author and time, its reactions and comments, and the actions the user may take. */
export function CardView({ card, comments, rights, lock, handlers, highlighted = false, moves, dragHandle, style, setRef }: CardViewProps) {
  const { t, language } = useWallT();
  const [showComments, setShowComments] = useState(false);
  const title = card.title || t('card.untitled');
  const editable = canEditCard(rights, card);
  const deletable = canDeleteCard(rights, card);
  const hideable = canHideCard(rights, card);
  const lockedByOther = lock?.holder && lock.holder.userId !== rights.userId ? lock.holder.name : null;
  const hasMenu = editable || deletable || hideable || moves.length > 0;

  return (
    <Paper
      component="article"
      ref={setRef}
      shadow="xs"
      radius="md"
      p="sm"
      withBorder
      aria-label={title}
      data-testid="wall-card"
      data-card-id={card.id}
      data-status={card.status}
      data-highlighted={highlighted || undefined}
      tabIndex={highlighted ? -1 : undefined}
      style={{
        background: CARD_COLORS[card.color],
        outline: highlighted ? '3px solid #1971c2' : card.status === 'pending' ? '2px dashed #e67700' : undefined,
        outlineOffset: highlighted ? 2 : undefined,
        ...style,
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
        <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
          {dragHandle && (
            <UnstyledButton
              {...dragHandle}
              aria-label={t('card.dragHandle', { title })}
              style={{ ...touchTarget, flex: 'none', display: 'inline-flex', alignItems: 'center', justifyContent: 'center', borderRadius: 8, cursor: 'grab', color: '#495057', fontSize: 22, touchAction: 'none' }}
            >
              <span aria-hidden="true">⠿</span>
            </UnstyledButton>
          )}
          <Title order={3} fz="md" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {card.pinned && <PinnedBadge />}
        </Group>
        {hasMenu && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="dark" size={TOUCH_TARGET_PX} aria-label={t('card.actions', { title })} data-testid="wall-card-menu">
                ⋯
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {editable && (
                <Menu.Item onClick={() => handlers.onEdit(card)} disabled={Boolean(lockedByOther)}>
                  {t('card.edit')}
                </Menu.Item>
              )}
              {moves.map((move) => (
                <Menu.Item key={move.labelKey} onClick={move.run}>
                  {t(move.labelKey)}
                </Menu.Item>
              ))}
              {hideable && (
                <Menu.Item color="orange" onClick={() => handlers.onModerate({ kind: 'wallCard', item: card }, 'hide')}>
                  {t('card.hide')}
                </Menu.Item>
              )}
              {deletable && (
                <Menu.Item color="red" onClick={() => handlers.onDelete(card)}>
                  {t('card.delete')}
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>

      {(card.status === 'pending' || card.pendingEdit) && <ReviewState card={card} rights={rights} handlers={handlers} />}
      {lockedByOther && (
        <Text fz="xs" c="orange.9" fw={600} mt={4} role="status" data-testid="wall-card-lock">
          ✎ {t('card.lockedBy', { name: lockedByOther })}
        </Text>
      )}

      {card.attachment?.kind === 'image' && (
        <Anchor href={fileUrl(card, false)} target="_blank" rel="noopener" aria-label={t('card.openImage')} display="block" mt="xs">
          <Image src={fileUrl(card, card.attachment.hasThumb && card.attachment.source !== 'drawing')} alt={drawingAlt(t, card.attachment, card.authorName) ?? (card.title || card.attachment.name)} radius="sm" fit="contain" mah={260} data-testid="wall-card-image" />
        </Anchor>
      )}
      {card.body && (
        <div style={{ marginTop: 6, overflowWrap: 'anywhere' }}>
          <RichTextView doc={card.body} />
        </div>
      )}
      {card.link && <CardLink link={card.link} title={title} />}
      {isMedia(card.attachment) && <MediaPlayer spaceId={card.spaceId} attachment={card.attachment} title={card.title} testId="wall-card-media" />}
      {card.attachment?.kind === 'pdf' && (
        <Anchor href={`${fileUrl(card, false)}?download=1`} fz="sm" display="block" mt={4}>
          <FileIcon />
          {t('card.pdf', { name: card.attachment.name, size: sizeText(card.attachment.size) })}
        </Anchor>
      )}

      <Text fz="xs" c="dark.4" mt={6}>
        {t('card.by', { name: card.authorName })}
        {card.authorRole !== 'pupil' && ` (${t(`card.role.${card.authorRole}`)})`} · <time dateTime={new Date(card.createdAt).toISOString()}>{formatDateTime(card.createdAt, language)}</time>
        {card.editorName && ` · ${t('card.editedBy', { name: card.editorName })}`}
      </Text>
      {/* Teachers act on a card directly; everyone else may report it to them. */}
      {card.status === 'published' && card.authorId !== rights.userId && !rights.configure && (
        <Group justify="flex-end" mt={2} className="wall-no-print wall-touch">
          <ReportButton kind="wallCard" itemId={card.id} spaceId={card.spaceId} quote={card.title} />
        </Group>
      )}

      {card.status === 'published' && (
        <Group justify="space-between" mt={6} gap={4}>
          <Reactions card={card} type={rights.settings.reaction} userId={rights.userId} canReact={canReactCard(rights, card)} onReact={(value) => handlers.onReact(card, value)} />
          {(comments.length > 0 || rights.comment) && (
            <Button variant="subtle" size="compact-sm" onClick={() => setShowComments((open) => !open)} aria-expanded={showComments} data-testid="wall-comments-toggle" style={touchTarget}>
              {t('comments.toggle', { count: comments.length })}
            </Button>
          )}
        </Group>
      )}
      {showComments && (
        <Comments
          cardTitle={title}
          comments={comments}
          canComment={canCommentCard(rights, card)}
          commentsOn={rights.settings.comments}
          userId={rights.userId}
          canDelete={(comment) => canDeleteComment(rights, comment)}
          canHide={(comment) => canHideComment(rights, comment)}
          canRestore={(comment) => canRestoreComment(rights, comment)}
          canApprove={(comment) => canApproveComment(rights, comment)}
          onSend={(text) => handlers.onComment(card, text)}
          onDelete={handlers.onDeleteComment}
          onModerate={(comment, action) => handlers.onModerate({ kind: 'wallComment', item: comment }, action)}
          notice={card.authorId !== rights.userId && <AvailabilityNotice userId={card.authorId} name={card.authorName} />}
        />
      )}
    </Paper>
  );
}

/**
 * Where a card stands in review, for its author and the moderators (nobody else gets a card that waits): waiting
 * for its first review, its author's change waiting (the others still see the published card), hidden by a
 * moderator, held for personal information; and the decisions the viewer may take on it.
 */
function ReviewState({ card, rights, handlers }: { card: WallCard; rights: WallRights; handlers: CardHandlers }) {
  const { t } = useWallT();
  const target = { kind: 'wallCard' as const, item: card };
  const approvable = canApproveCard(rights, card);
  const rejectable = canRejectCard(rights, card);
  const restorable = canRestoreCard(rights, card);
  const label = card.hidden ? t('card.hidden') : card.pendingEdit ? t('card.pendingEdit') : t('card.pending');
  const hint = card.hidden ? t('card.hiddenHint') : card.personalInfo ? t('card.personalInfoHint') : card.pendingEdit ? t('card.pendingEditHint') : t('card.pendingHint');
  return (
    <Group gap={6} mt={4}>
      <Badge color={card.hidden ? 'red' : 'orange'} variant="filled" data-testid={card.hidden ? 'wall-hidden-badge' : card.pendingEdit ? 'wall-pending-edit-badge' : 'wall-pending-badge'}>
        {label}
      </Badge>
      {card.personalInfo && (
        <Badge color="grape" variant="light" data-testid="wall-personal-info-badge">
          {t('card.personalInfo')}
        </Badge>
      )}
      {approvable && (
        <Button size="compact-sm" color="green" onClick={() => handlers.onApprove(card)} data-testid="wall-approve" style={touchTarget}>
          {card.pendingEdit ? t('card.approveEdit') : t('card.approve')}
        </Button>
      )}
      {rejectable && (
        <Button size="compact-sm" variant="light" color="red" onClick={() => handlers.onModerate(target, 'reject')} style={touchTarget}>
          {t('card.reject')}
        </Button>
      )}
      {restorable && (
        <Button size="compact-sm" color="green" onClick={() => handlers.onModerate(target, 'restore')} style={touchTarget}>
          {t('card.restore')}
        </Button>
      )}
      {!approvable && !rejectable && !restorable && (
        <Text fz="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Group>
  );
}
