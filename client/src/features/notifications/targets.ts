import type { NotificationTarget } from '../../../../shared/notifications/types';
import { spacePath } from '../spaces/spacePath';

/** The query parameter of a wall's page that names the card to scroll to and highlight. */
export const WALL_CARD_PARAM = 'carte';
/** The query parameter of a forum topic's page that names the post to scroll to. */
export const FORUM_POST_PARAM = 'message';

/**
 * Where a notification opens its item, at its place: a wall with the card highlighted (a comment opens its card), a
 * forum topic scrolled to the post, a pad, a discussion. Null when there is nothing to open (a quiet-hours summary).
 */
export function targetPath(target: NotificationTarget | null): string | null {
  if (!target) return null;
  const space = spacePath(target.spaceKind, target.spaceId);
  if (target.spaceKind === 'wall') {
    const cardId = target.itemKind === 'wallCard' ? target.itemId : target.itemKind === 'wallComment' ? target.parentId : null;
    return cardId ? `${space}?${WALL_CARD_PARAM}=${encodeURIComponent(cardId)}` : space;
  }
  if (target.spaceKind === 'forum' && target.parentId) {
    const topic = `${space}/sujets/${encodeURIComponent(target.parentId)}`;
    return target.itemKind === 'forumPost' && target.itemId ? `${topic}?${FORUM_POST_PARAM}=${encodeURIComponent(target.itemId)}` : topic;
  }
  return space;
}
