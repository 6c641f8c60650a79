import type { FeedEntry } from '../../../../shared/family/types';
import { itemPath } from '../spaces/itemPath';

/**
 * Where an entry opens its item, at its place: a wall with the card highlighted (a comment opens its card), a
 * forum topic (scrolled to a reply; a topic opens at its start), a pad.
 */
export function entryPath(entry: Pick<FeedEntry, 'kind' | 'space' | 'itemId' | 'cardId' | 'topicId'>): string {
  return itemPath(entry.space.kind, entry.space.id, {
    cardId: entry.cardId,
    topicId: entry.topicId,
    postId: entry.kind === 'forumPost' ? entry.itemId : null,
  });
}
