import type { NotificationTarget } from '../../../../shared/notifications/types';
import { itemPath } from '../spaces/itemPath';

/**
 * Where a notification opens its item, at its place: a wall with the card highlighted (a comment opens its card), a
 * forum topic scrolled to the post, a pad, a discussion. Null when there is nothing to open (a quiet-hours summary).
 */
export function targetPath(target: NotificationTarget | null): string | null {
  if (!target) return null;
  const { spaceKind, spaceId, itemKind, itemId, parentId } = target;
  const cardId = itemKind === 'wallCard' ? itemId : itemKind === 'wallComment' ? parentId : null;
  const postId = itemKind === 'forumPost' ? itemId : null;
  return itemPath(spaceKind, spaceId, { cardId, topicId: spaceKind === 'forum' ? parentId : null, postId });
}
