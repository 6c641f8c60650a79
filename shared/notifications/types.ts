import type { Profile } from '../identity/profiles';
import type { ModeratedKind } from '../moderation/types';
import type { SpaceKindName } from '../policy/resources';

/**
 * What a notification is about. Preferences are set per kind (and per space): each kind is delivered live, kept
 * for the daily summary, or not at all.
 */
export const NOTIFICATION_KINDS = [
  /** A new card on a wall of a space I belong to. */
  'newCard',
  /** A new forum topic. */
  'newTopic',
  /** A new reply in a forum topic. */
  'newReply',
  /** A new comment on a wall card. */
  'newComment',
  /** A new version of a pad. */
  'padVersion',
  /** Someone commented on, or answered, something I wrote. */
  'commentOnMine',
  /** Someone reacted to something I wrote. */
  'reactionOnMine',
  /** A moderator decided on something I wrote (approved, hid, restored, edited, deleted). */
  'moderationOfMine',
  /** A moderator dealt with something I reported. */
  'reportOutcome',
  /** A contribution waits for review (to the moderators of its space only). */
  'toReview',
  /** Someone named me in a contribution. */
  'mention',
  /** What was held during quiet hours, told as one summary when they end. */
  'quietSummary',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a kind of notification (or a space's) reaches me. */
export const DELIVERIES = ['live', 'digest', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** What a notification opens: the space, and the item at its place (a card highlighted, a post scrolled to). */
export interface NotificationTarget {
  spaceKind: SpaceKindName;
  spaceId: string;
  itemKind: ModeratedKind | null;
  itemId: string | null;
  /** The forum topic of a post, the card of a wall comment: where the item is shown. */
  parentId: string | null;
}

/**
 * One notification as its recipient gets it. Notifications of the same kind about the same space, unread, are
 * coalesced into one (« 5 nouvelles cartes sur Nos animaux préférés »): `count` items, the newest last.
 */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** The space's title as the recipient may read it, or null (a quiet-hours summary). */
  spaceTitle: string | null;
  target: NotificationTarget | null;
  /** How many items this notification gathers. */
  count: number;
  /** The names of who acted, the most recent first, at most NOTIFICATION_MAX_NAMES. */
  actorNames: string[];
  /** For a parent: the child this is about (their child wrote it or it concerns them), else null. */
  childName: string | null;
  /** The moderation decision or report outcome, when the kind is one (`approve`, `hide`, …). */
  decision: string | null;
  /** For `quietSummary`: how many notifications were held, by kind. */
  held: Partial<Record<NotificationKind, number>> | null;
  firstAt: number;
  lastAt: number;
  read: boolean;
}

/** A page of my notifications, newest first, with my unread count. */
export interface NotificationPage {
  notifications: NotificationView[];
  unread: number;
  /** Pass as `before` to get the next page, or null at the end. */
  nextBefore: number | null;
  /** Until when I am in quiet hours (nothing pops), or null. */
  quietUntil: number | null;
}

/** Quiet hours: from `start` to `end` (Paris time, `HH:MM`; `end` before `start` spans midnight), and weekends. */
export interface QuietHours {
  start: string;
  end: string;
  weekends: boolean;
}

/** A school holiday (both dates included, Paris calendar days `YYYY-MM-DD`): everyone's quiet period. */
export interface SchoolHoliday {
  label: string;
  from: string;
  to: string;
}

/** E-mail summaries: never, once a day, once a week. Urgent items (about one's child) go out when set. */
export const EMAIL_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

/** One person's notification preferences. */
export interface NotificationPreferences {
  /** Per kind; a kind not listed is delivered `live`. */
  kinds: Partial<Record<NotificationKind, Delivery>>;
  /** Per space (overrides the kind for that space's notifications); `off` mutes the space. */
  spaces: Record<string, Delivery>;
  /** My own quiet hours, or null to follow my school's default for my profile. */
  quietHours: QuietHours | null;
  email: EmailFrequency;
  /** Where summaries go (adults only; a pupil's account has none), or null. */
  emailAddress: string | null;
  /** E-mail at once for urgent items (a moderation decision on my child's content). */
  emailUrgent: boolean;
}

/** The school's notification settings, set by the director. */
export interface SchoolNotificationSettings {
  /** Default quiet hours per profile (null: none). */
  quietHours: Partial<Record<Profile, QuietHours | null>>;
  holidays: SchoolHoliday[];
}

/** Whether someone receives notifications now (shown to whoever writes to them). */
export interface Availability {
  userId: string;
  /** Until when they are in quiet hours, or null when they receive notifications now. */
  quietUntil: number | null;
}
