import { Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { ReasonCode } from '../../../../shared/moderation/types';
import { moderatesCard, type WallRights } from '../../../../shared/wall/policy';
import type { WallCard, WallComment } from '../../../../shared/wall/types';
import { ReasonModal } from '../moderation/ReasonModal';
import { useWallT } from './i18n';
import type { Send } from './useWallLive';

type Target = { kind: 'wallCard'; item: WallCard } | { kind: 'wallComment'; item: WallComment };
/** What a moderator does from the wall; hiding, rejecting and deleting ask for a reason (told to the author). */
export type WallModerationAction = 'hide' | 'restore' | 'approve' | 'reject';
type Asking = { target: Target; action: 'hide' | 'delete' | 'reject' } | null;

interface Options {
  spaceId: string;
  rights: WallRights | null;
  send: Send;
  announce: (text: string, error?: boolean) => void;
  fail: (code: string) => void;
}

/**
 * A moderator's actions on the wall (hide, restore, approve or reject what waits for review, delete someone else's
 * card or comment): each goes through the moderation path (`moderation:act`), so it is audited, kept as evidence
 * and told to the author, exactly as from the moderation console. Which buttons show is decided from the rights
 * the server sent; the server decides again on the item itself.
 */
export function useWallModeration({ spaceId, rights, send, announce, fail }: Options): {
  moderate: (target: Target, action: WallModerationAction) => void;
  /** True when deleting this card is moderation (a teacher, someone else's card): the reason is asked here. */
  deleteCard: (card: WallCard) => boolean;
  deleteComment: (comment: WallComment) => void;
  modal: ReactNode;
} {
  const { t } = useWallT();
  const [asking, setAsking] = useState<Asking>(null);

  const act = async (target: Target, action: WallModerationAction | 'delete', reasonCode: ReasonCode) => {
    const answer = await send('moderation:act', { kind: target.kind, itemId: target.item.id, spaceId, action, reasonCode, version: target.item.version ?? 1 });
    if (!answer.ok) return fail(answer.code);
    const card = target.kind === 'wallCard';
    const done: Record<WallModerationAction | 'delete', string> = {
      hide: card ? t('card.hiddenDone') : t('comments.hiddenDone'),
      restore: card ? t('card.restored') : t('comments.restored'),
      approve: card ? (target.item.status === 'published' ? t('card.editApproved') : t('card.approved')) : t('comments.approved'),
      reject: t('card.rejected'),
      delete: card ? t('card.deleted') : t('comments.delete'),
    };
    announce(done[action]);
  };

  const title = (target: Target, action: 'hide' | 'delete' | 'reject'): string => {
    if (action === 'reject') return t('card.reject');
    if (target.kind === 'wallComment') return action === 'hide' ? t('comments.hideTitle') : t('comments.deleteTitle');
    return action === 'hide' ? t('card.hideTitle', { title: target.item.title || t('card.untitled') }) : t('card.delete');
  };
  const confirmLabel = { hide: t('card.hide'), delete: t('card.delete'), reject: t('card.reject') };

  const modal = asking && (
    <ReasonModal
      opened
      title={title(asking.target, asking.action)}
      onClose={() => setAsking(null)}
      confirmLabel={confirmLabel[asking.action]}
      {...(asking.action === 'delete' && asking.target.kind === 'wallCard' ? { confirmTestId: 'wall-confirm-delete' } : {})}
      onConfirm={(reason) => {
        const { target, action } = asking;
        setAsking(null);
        void act(target, action, reason);
      }}
    >
      {asking.action === 'delete' && asking.target.kind === 'wallCard' && (
        <Text mb="md">
          {t('card.deleteConfirm', { title: asking.target.item.title || t('card.untitled') })} {t('card.moderateDelete')}
        </Text>
      )}
    </ReasonModal>
  );

  return {
    moderate: (target, action) => {
      if (action === 'hide' || action === 'reject') setAsking({ target, action });
      else void act(target, action, action === 'restore' ? 'erreur' : 'autre');
    },
    deleteCard: (card) => {
      if (!rights || !moderatesCard(rights, card)) return false;
      setAsking({ target: { kind: 'wallCard', item: card }, action: 'delete' });
      return true;
    },
    deleteComment: (comment) => {
      if (rights && comment.authorId !== rights.userId) setAsking({ target: { kind: 'wallComment', item: comment }, action: 'delete' });
      else void send('wall:comment:delete', { spaceId, commentId: comment.id }).then((answer) => !answer.ok && fail(answer.code));
    },
    modal,
  };
}
