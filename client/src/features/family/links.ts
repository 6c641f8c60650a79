import type { FeedEntry } from '../../../../shared/family/types';
import { spacePath } from '../spaces/spacePath';

/** The query parameter of a wall's page that names the card to scroll to and highlight. */
const WALL_CARD_PARAM = 'carte';
/** The query parameter of a forum topic's page that names the post to scroll to. */
const FORUM_POST_PARAM = 'message';

/**
 * Where an entry opens its item, at its place: a wall with the card highlighted (a comment opens its card), a
 * forum topic (scrolled to a reply), a pad.
 */
export function entryPath(entry: Pick<FeedEntry, 'kind' | 'space' | 'itemId' | 'cardId' | 'topicId'>): string {
  const space = spacePath(entry.space.kind, entry.space.id);
  if ((entry.kind === 'wallCard' || entry.kind === 'wallComment') && entry.cardId) return `${space}?${WALL_CARD_PARAM}=${encodeURIComponent(entry.cardId)}`;
  if ((entry.kind === 'forumTopic' || entry.kind === 'forumPost') && entry.topicId) {
    const topic = `${space}/sujets/${encodeURIComponent(entry.topicId)}`;
    return entry.kind === 'forumPost' ? `${topic}?${FORUM_POST_PARAM}=${encodeURIComponent(entry.itemId)}` : topic;
  }
  return space;
}
