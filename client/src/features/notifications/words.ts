import { NOTIFICATION_KINDS, type NotificationKind, type NotificationTarget, type NotificationView } from '../../../../shared/notifications/types';
import type { FeatureT } from '../../i18n/feature';

/** Who reads: a pupil is spoken to with « tu », an adult with « vous » (charter and STYLE: words per audience). */
export type Audience = 'pupil' | 'adult';

/** What someone's item is, in words: a card, a comment, a post… */
type ItemWord = 'card' | 'comment' | 'post' | 'pad' | 'message' | 'contribution';

const ITEM_WORDS: Record<string, ItemWord> = { wallCard: 'card', wallComment: 'comment', forumPost: 'post', pad: 'pad', chatMessage: 'message' };
/** Grammatical gender of each item's subject in French (« Ta carte a été masquée », « Ton message a été masqué »). */
const FEMININE = new Set<ItemWord>(['card', 'contribution']);
const DECISIONS = new Set(['approve', 'hide', 'restore', 'edit', 'delete']);
const KINDS_WITH_SPACE = new Set<NotificationKind>(['newCard', 'newTopic', 'newReply', 'newComment', 'padVersion', 'toReview', 'mention']);

/** The item a comment, an answer or a reaction was about: a wall comment is on a card, a forum reply on a post. */
function mineWord(target: NotificationTarget | null): ItemWord {
  if (!target?.itemKind) return 'contribution';
  if (target.itemKind === 'wallComment') return 'card';
  return ITEM_WORDS[target.itemKind] ?? 'contribution';
}

function itemWord(target: NotificationTarget | null): ItemWord {
  return (target?.itemKind && ITEM_WORDS[target.itemKind]) || 'contribution';
}

/**
 * The words of one notification, from its kind and count, for its reader: « 5 nouvelles cartes sur Nos animaux
 * préférés », « Léa a commenté ta carte », « Ta carte a été masquée par un modérateur », « Pendant ta pause :
 * 3 nouvelles cartes, 1 réponse ». A parent reads about their child (« une carte de Léa »). No code is ever shown.
 */
export function notificationText(t: FeatureT, view: NotificationView, audience: Audience): string {
  const pupil = audience === 'pupil';
  // « tu » for a pupil; for a parent, the child's item when it is theirs (« une carte de Léa »); else « vous ».
  const owner = pupil ? 'pupil' : view.childName ? 'child' : undefined;
  const child = view.childName ?? '';
  const count = view.count;
  const single = count === 1 && view.actorNames.length > 0;
  const actor = view.actorNames[0] ?? t('someone');
  const space = view.spaceTitle ?? t('aSpace');
  const speak = pupil ? 'pupil' : undefined;
  const base = { actor, space, count, child };

  switch (view.kind) {
    case 'newCard':
    case 'newTopic':
    case 'newReply':
    case 'newComment':
    case 'padVersion':
    case 'toReview':
    case 'mention':
      return t(`kinds.${view.kind}.${single ? 'single' : 'many'}`, { ...base, context: speak });
    case 'commentOnMine': {
      const mine = mineWord(view.target);
      const object = t(`objects.${mine}`, { context: owner, child });
      // Under a forum post one answers; on a card one comments.
      const answer = mine === 'post' || mine === 'message';
      return t(`kinds.commentOnMine.${single ? 'single' : 'many'}${answer ? 'Answer' : ''}`, { ...base, object });
    }
    case 'reactionOnMine': {
      const object = t(`objects.${mineWord(view.target)}`, { context: owner, child });
      return t(`kinds.reactionOnMine.${single ? 'single' : 'many'}`, { ...base, object });
    }
    case 'moderationOfMine': {
      if (count > 1) return t('moderation.many', { ...base, context: owner });
      const word = itemWord(view.target);
      const subject = t(`subjects.${word}`, { context: owner, child });
      const object = t(`objects.${word}`, { context: owner, child });
      const decision = view.decision ?? '';
      if (decision === 'reject') return t('moderation.reject', { subject });
      if (DECISIONS.has(decision)) return t(`moderation.${decision}`, { subject, context: FEMININE.has(word) ? 'f' : 'm' });
      return t('moderation.other', { object });
    }
    case 'reportOutcome':
      if (count > 1) return t('report.many', { count, context: speak });
      return t(view.decision === 'dismiss' ? 'report.dismiss' : 'report.done', { context: speak });
    case 'quietSummary':
      return quietSummaryText(t, view, speak);
    default:
      return t('kinds.other', { space });
  }
}

/** « Pendant ta pause : 3 nouvelles cartes, 1 réponse »: what was held, kind by kind, in the order of the kinds. */
function quietSummaryText(t: FeatureT, view: NotificationView, speak: 'pupil' | undefined): string {
  const held = view.held ?? {};
  const parts = NOTIFICATION_KINDS.filter((kind) => (held[kind] ?? 0) > 0)
    .map((kind) => t(`held.${kind}`, { count: held[kind], context: speak, defaultValue: '' }))
    .filter((part) => part !== '');
  if (parts.length === 0) return t('kinds.quietSummary.count', { count: view.count, context: speak });
  return t('kinds.quietSummary.list', { list: parts.join(', '), context: speak });
}

/** Whether the space's title is part of the words (then it is not repeated under them). */
export function namesSpace(kind: NotificationKind): boolean {
  return KINDS_WITH_SPACE.has(kind);
}
