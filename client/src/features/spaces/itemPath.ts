import type { SpaceKind } from '../../../../shared/spaces/types';
import { spacePath } from './spacePath';

/** The query parameter of a wall's page that names the card to scroll to and highlight. */
export const WALL_CARD_PARAM = 'carte';
/** The query parameter of a forum topic's page that names the post to scroll to. */
export const FORUM_POST_PARAM = 'message';

/** Where an item is shown in its space: the card on a wall, the topic and post in a forum. */
export interface ItemPlace {
  cardId?: string | null;
  topicId?: string | null;
  postId?: string | null;
}

/**
 * The page of an item at its place, for whatever links to one (the notification centre, the family page): a wall
 * with the card highlighted (`?carte=`), a forum topic scrolled to the post (`?message=`), else the space.
 */
export function itemPath(kind: SpaceKind, spaceId: string, place: ItemPlace = {}): string {
  const space = spacePath(kind, spaceId);
  if (kind === 'wall' && place.cardId) return `${space}?${WALL_CARD_PARAM}=${encodeURIComponent(place.cardId)}`;
  if (kind === 'forum' && place.topicId) {
    const topic = `${space}/sujets/${encodeURIComponent(place.topicId)}`;
    return place.postId ? `${topic}?${FORUM_POST_PARAM}=${encodeURIComponent(place.postId)}` : topic;
  }
  return space;
}
