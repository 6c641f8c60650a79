import { z } from 'zod';
import type { SpaceKindName } from '../policy/resources';

/** What a feed entry is: a card, a comment on a card, a forum topic (its opening post), a reply, or a pad's week. */
export const FEED_ENTRY_KINDS = ['wallCard', 'wallComment', 'forumTopic', 'forumPost', 'pad'] as const;
export type FeedEntryKind = (typeof FEED_ENTRY_KINDS)[number];

/** The space an entry sits in, as the reader may read it. */
export interface FeedSpace {
  id: string;
  title: string;
  kind: SpaceKindName;
}

/**
 * One contribution of the week, as the reader may read it (each asked `canReadItem` for them when the page is built).
 * The client links to it: a card (`/murs/:spaceId?carte=<cardId>`), a comment on its card, a post in its topic.
 */
export interface FeedEntry {
  kind: FeedEntryKind;
  space: FeedSpace;
  /** The card, comment, post (a topic's opening post) or pad. */
  itemId: string;
  /** Where it sits: the card of a comment (the card itself for a card), the topic of a post. */
  cardId: string | null;
  topicId: string | null;
  /** The topic's title for forum entries, the card's for wall entries (null when none). */
  title: string | null;
  /** Who wrote it (null for a pad whose authors the reader may not see). */
  authorId: string | null;
  authorName: string | null;
  /** The child wrote it (on the family page), or a pupil of the class (on the class week). */
  byChild: boolean;
  /** A teacher (or the director) published it. */
  byTeacher: boolean;
  /** The start of its text (for a pad, of the passages the child wrote), or null. */
  excerpt: string | null;
  /** A small picture of the card's image (the wall's thumbnail route), or null. */
  pictureUrl: string | null;
  /**
   * Published, or (only for whoever may read it so: its moderators, its author) waiting for review or hidden by a
   * moderator.
   */
  state: 'visible' | 'pending' | 'hidden';
  /** When it was written (the latest edit of the week for a pad). */
  at: number;
}

/** What is new in one space that week: how many entries the reader may read there. */
export interface FeedSpaceSummary {
  space: FeedSpace;
  count: number;
}

/** One week's page (Monday 00:00 to the next, Paris time), the newest entries first. */
export interface WeekFeed {
  weekStart: number;
  weekEnd: number;
  entries: FeedEntry[];
  spaces: FeedSpaceSummary[];
  /** More happened that week than one page holds (the newest were kept). */
  truncated: boolean;
  /** `before` of the earlier week's page, or null when nothing happened earlier. */
  nextBefore: number | null;
}

/** A child of the signed-in parent. */
export interface FamilyChild {
  id: string;
  displayName: string;
  classes: { id: string; name: string }[];
}

/** `GET /api/family`. */
export interface FamilyResponse {
  children: FamilyChild[];
}

/** `GET /api/family/children/:childId/feed`: the week of one child, with their name. */
export interface ChildWeekFeed extends WeekFeed {
  child: { id: string; displayName: string };
}

/** A pupil of the class and how many contributions they made that week (linking to their activity page). */
export interface PupilWeekCount {
  id: string;
  displayName: string;
  count: number;
}

/** `GET /api/classes/:classId/feed`: « Cette semaine en CE2 », for the class's teachers and the director. */
export interface ClassWeekFeed extends WeekFeed {
  class: { id: string; name: string };
  pupils: PupilWeekCount[];
}

/** The query of a week's page: `before` (ms) names the week that holds the instant just before it; now by default. */
export const WeekFeedQuerySchema = z.object({
  before: z.coerce.number().int().positive().max(8_640_000_000_000_000).optional(),
});
export type WeekFeedQuery = z.infer<typeof WeekFeedQuerySchema>;
