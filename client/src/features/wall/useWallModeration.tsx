import { Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { ReasonCode } from '../../../../shared/moderation/types';
import { moderatesCard, type WallRights } from '../../../../shared/wall/policy';
import type { WallCard, WallComment } from '../../../../shared/wall/types';
import { ReasonModal } from '../moderation/ReasonModal';
import { useWallT } from './i18n';
import type { Send } from './useWallLive';

type Target = { kind: 'wallCard'; item: WallCard } | { kind: 'wallComment'; item: WallComment };
type Asking = { target: Target; action: 'hide' | 'delete' } | null;

interface Options {
  spaceId: string;
  rights: WallRights | null;
  send: Send;
  announce: (text: string, error?: boolean) => void;
  fail: (code: string) => void;
}

/**
 * A moderator's actions on the wall (hide, restore, delete someone else's card or comment): each asks for a
 * reason, then goes through the moderation path (`moderation:act`), so it is audited, kept as evidence and told
 * to the author, exactly as from the moderation console.
 */
export function useWallModeration({ spaceId, rights, send, announce, fail }: Options): {
  moderate: (target: Target, action: 'hide' | 'restore') => void;
  /** True when deleting this card is moderation (a teacher, someone else's card): the reason is asked here. */
  deleteCard: (card: WallCard) => boolean;
  deleteComment: (comment: WallComment) => void;
  modal: ReactNode;
} {
  const { t } = useWallT();
  const [asking, setAsking] = useState<Asking>(null);

  const act = async (target: Target, action: 'hide' | 'restore' | 'delete', reasonCode: ReasonCode) => {
    const answer = await send('moderation:act', { kind: target.kind, itemId: target.item.id, spaceId, action, reasonCode, version: target.item.version ?? 1 });
    if (!answer.ok) return fail(answer.code);
    const card = target.kind === 'wallCard';
    if (action === 'hide') announce(card ? t('card.hiddenDone') : t('comments.hiddenDone'));
    else if (action === 'restore') announce(card ? t('card.restored') : t('comments.restored'));
    else announce(card ? t('card.deleted') : t('comments.delete'));
  };

  const title = (target: Target, action: 'hide' | 'delete'): string => {
    if (target.kind === 'wallComment') return action === 'hide' ? t('comments.hideTitle') : t('comments.deleteTitle');
    return action === 'hide' ? t('card.hideTitle', { title: target.item.title || t('card.untitled') }) : t('card.delete');
  };

  const modal = asking && (
    <ReasonModal
      opened
      title={title(asking.target, asking.action)}
      onClose={() => setAsking(null)}
      confirmLabel={asking.action === 'hide' ? t('card.hide') : t('card.delete')}
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
    moderate: (target, action) => (action === 'restore' ? void act(target, 'restore', 'erreur') : setAsking({ target, action })),
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
