import { z } from 'zod';
import type { RichTextDoc } from '../richtext/validate';
import { AUTO_HIDE_MAX_REPORTS, AUTO_HIDE_MIN_REPORTS, EVIDENCE_RETENTION_MAX_MONTHS, EVIDENCE_RETENTION_MIN_MONTHS } from './limits';

/** What can be reported and moderated. Each kind is backed by a feature's moderation adapter on the server. */
export const MODERATED_KINDS = ['wallCard', 'wallComment', 'forumPost', 'chatMessage', 'pad'] as const;
export type ModeratedKind = (typeof MODERATED_KINDS)[number];

/** What a report is about, as its reporter chose (a pupil among them: « moquerie » is what children report most). */
export const REPORT_CATEGORIES = ['insulte', 'moquerie', 'contenu_choquant', 'information_personnelle', 'hors_sujet', 'autre'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Reasons a moderator gives; the author is told the reason in words a child understands (client i18n). */
export const REASON_CODES = ['insulte', 'moquerie', 'contenu_choquant', 'information_personnelle', 'hors_sujet', 'spam', 'erreur', 'autre'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * Moderation actions on an item. Who may take which is decided by the policy table (`shared/policy/rules.ts`):
 * pupil moderators only hide a published item and approve someone else's first publication; the rest (restore,
 * edit, delete, mute the author, `reject` an author's change waiting for review) stays with teachers.
 */
export const MODERATION_ACTIONS = ['approve', 'hide', 'restore', 'edit', 'delete', 'reject', 'mute'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** Whether an action needs a reason code: approving publishes and restoring undoes a decision, the rest withdraws or changes. */
export const needsReasonCode = (action: ModerationAction): boolean => action !== 'approve' && action !== 'restore';

/** The visible state of a moderated item. */
export type ItemState = 'visible' | 'pending' | 'hidden' | 'deleted';

/**
 * What an item shows in its space, for the console to show it the same way: a title, a rich text (wall cards,
 * forum posts) or a plain text (comments, chat messages), a link, a file (an image is shown, another file is a
 * download link, both through the space's own file route). Whitelisted per field on the server.
 */
export interface ModeratedDisplay {
  title: string | null;
  body: RichTextDoc | null;
  text: string | null;
  link: { url: string; domain: string } | null;
  attachment: { blobId: string; kind: 'image' | 'pdf' | 'audio' | 'video'; name: string; size: number; hasThumb: boolean } | null;
}

/** An item as the moderation console shows it (to the moderators of its space only). */
export interface ModeratedItemView {
  kind: ModeratedKind;
  id: string;
  spaceId: string;
  classId: string | null;
  authorId: string | null;
  authorName: string | null;
  state: ItemState;
  version: number;
  /** The start of its text as published (or as written, while it waits for its first review). */
  excerpt: string;
  createdAt: number;
  /** Held by the personal-information guard (« information personnelle ») until a teacher decides. */
  personalInfo: boolean;
  /** Its author changed it and the change waits for review: `pendingExcerpt` is the start of the new text. */
  pendingEdit: boolean;
  pendingExcerpt: string | null;
  /** The item as its space shows it (as published, or as written while it waits for its first review). */
  display: ModeratedDisplay;
  /** The author's change waiting for review, as the space will show it once approved; null when none. */
  pendingDisplay: ModeratedDisplay | null;
  /** What the viewer may do on it now: decided on the server by the policy table, shown as is by the console. */
  actions: ModerationAction[];
  /**
   * The viewer may no longer read it (a pupil moderator after they or a teacher hid it): no content comes with
   * it, and the console drops it from its lists.
   */
  withdrawn?: true;
}

/** A space a console covers: its title names items, and its lock state is shown and toggled there. */
export interface ConsoleSpace {
  id: string;
  title: string;
  kind: string;
  locked: boolean;
  /** Whether the viewer runs this space (its teachers, the director): lock, dismiss reports, see evidence. */
  configure: boolean;
}

export type ReportStatus = 'open' | 'claimed' | 'resolved' | 'dismissed';

/**
 * A report. Its reporter gets it with `excerpt` (what they saw when reporting) and `item: null`; once a
 * moderator hid or deleted the item, `itemRemoved` is true and `excerpt` is empty (« contenu retiré par un
 * modérateur »). The moderators of its space get the item's current view in `item`.
 */
export interface ReportView {
  id: string;
  kind: ModeratedKind;
  itemId: string;
  spaceId: string;
  classId: string | null;
  category: ReportCategory;
  text: string;
  quote: string;
  reporterId: string;
  /**
   * The reporter's name, for those who run the space (its teachers, the director); null for a pupil moderator,
   * who acts on the content without learning which classmate reported it.
   */
  reporterName: string | null;
  status: ReportStatus;
  claimedBy: string | null;
  claimedByName: string | null;
  resolution: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  /** What the reporter could read of the item when reporting (empty once the item is removed, for them). */
  excerpt: string;
  itemRemoved: boolean;
  item: ModeratedItemView | null;
}

/** The school's moderation settings (the director's). */
export const ModerationSettingsSchema = z
  .object({
    /** Hide an item pending review once this many different users reported it; null: never automatically. */
    autoHideAfterReports: z.number().int().min(AUTO_HIDE_MIN_REPORTS).max(AUTO_HIDE_MAX_REPORTS).nullable(),
    /** How long the evidence of moderated content is kept. */
    evidenceRetentionMonths: z.number().int().min(EVIDENCE_RETENTION_MIN_MONTHS).max(EVIDENCE_RETENTION_MAX_MONTHS),
  })
  .strict();
export type ModerationSettings = z.infer<typeof ModerationSettingsSchema>;

export const ItemRefSchema = z.object({
  kind: z.enum(MODERATED_KINDS),
  itemId: z.string().min(1).max(64),
  spaceId: z.string().min(1).max(64),
});

export const ModerationScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('space'), spaceId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('class'), classId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('school') }),
]);
export type ModerationScope = z.infer<typeof ModerationScopeSchema>;

/** The Socket.IO rooms of the moderation console. */
export const moderationRoom = {
  space: (spaceId: string) => `moderation:space:${spaceId}`,
  class: (classId: string) => `moderation:class:${classId}`,
  school: (schoolId: string) => `moderation:school:${schoolId}`,
};
