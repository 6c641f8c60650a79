import { z } from 'zod';
import { AUTO_HIDE_MAX_REPORTS, AUTO_HIDE_MIN_REPORTS, EVIDENCE_RETENTION_MAX_MONTHS, EVIDENCE_RETENTION_MIN_MONTHS } from './limits';

/** What can be reported and moderated. Each kind is backed by a feature's moderation adapter on the server. */
export const MODERATED_KINDS = ['wallCard', 'wallComment', 'forumPost', 'chatMessage', 'pad'] as const;
export type ModeratedKind = (typeof MODERATED_KINDS)[number];

export const REPORT_CATEGORIES = ['insulte', 'contenu_choquant', 'information_personnelle', 'hors_sujet', 'autre'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Reasons a moderator gives; the author is told the reason in words a child understands (client i18n). */
export const REASON_CODES = ['insulte', 'contenu_choquant', 'information_personnelle', 'hors_sujet', 'spam', 'erreur', 'autre'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Moderation actions. `approve` and `hide` are open to pupil moderators; the rest stay with teachers. */
export const MODERATION_ACTIONS = ['approve', 'hide', 'restore', 'edit', 'delete', 'mute'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];
export const PUPIL_MODERATOR_ACTIONS: readonly ModerationAction[] = ['approve', 'hide'];

/** The visible state of a moderated item. */
export type ItemState = 'visible' | 'pending' | 'hidden' | 'deleted';

/** An item as the moderation console shows it. */
export interface ModeratedItemView {
  kind: ModeratedKind;
  id: string;
  spaceId: string;
  classId: string | null;
  authorId: string | null;
  authorName: string | null;
  state: ItemState;
  version: number;
  excerpt: string;
  createdAt: number;
}

/** A space a console covers: its title names items, and its lock state is shown and toggled there. */
export interface ConsoleSpace {
  id: string;
  title: string;
  kind: string;
  locked: boolean;
}

export type ReportStatus = 'open' | 'claimed' | 'resolved' | 'dismissed';

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
  status: ReportStatus;
  claimedBy: string | null;
  claimedByName: string | null;
  resolution: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
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
