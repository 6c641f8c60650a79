import { z } from 'zod';
import {
  ItemRefSchema,
  MODERATION_ACTIONS,
  ModerationScopeSchema,
  REASON_CODES,
  REPORT_CATEGORIES,
  type ConsoleSpace,
  type ModeratedItemView,
  type ReportView,
  needsReasonCode,
} from './types';
import { BoundedJsonSchema } from '../richtext/json';
import { RESTORE_COMMENT_MAX } from './limits';

export const moderationClientEvents = {
  /** Anyone who can see an item may report it. */
  'report:create': ItemRefSchema.extend({
    category: z.enum(REPORT_CATEGORIES),
    text: z.string().trim().max(1_000).default(''),
    quote: z.string().trim().max(500).default(''),
  }).strict(),
  /** The reporter's own reports, with their status. */
  'report:mine': z.object({}).strict(),
  /** Opens the moderation console of a space, a class or the school: the queue, then live updates. */
  'moderation:join': z.object({ scope: ModerationScopeSchema }).strict(),
  /** Claims a report before acting on it; a second claim gets CONFLICT with the current state. */
  'moderation:claim': z.object({ reportId: z.string().min(1).max(64), version: z.number().int().min(1) }).strict(),
  /**
   * Acts on an item (from a report or the live stream). `version` is the item version the moderator saw. The
   * actions that withdraw or change something give a reason code (the author is told it); approving needs none,
   * and a restore undoes a decision and takes only an optional free comment (kept in the audit log).
   */
  'moderation:act': ItemRefSchema.extend({
    action: z.enum(MODERATION_ACTIONS),
    reasonCode: z.enum(REASON_CODES).optional(),
    /** For `restore`: why, in the moderator's words (optional). */
    comment: z.string().trim().max(RESTORE_COMMENT_MAX).optional(),
    version: z.number().int().min(0),
    reportId: z.string().min(1).max(64).optional(),
    /** For `mute`: minutes. */
    durationMinutes: z.number().int().min(1).max(7 * 24 * 60).optional(),
    /** For `edit`: the new content, validated by the item's feature. */
    content: BoundedJsonSchema.optional(),
  })
    .strict()
    .refine((act) => !needsReasonCode(act.action) || act.reasonCode !== undefined, { path: ['reasonCode'], message: 'A reason is required' }),
  /** A moderator reads an item's whole text (to correct it from the console). */
  'moderation:read': ItemRefSchema.strict(),
  /** Locks (or unlocks) a space from the console: nobody but its teachers writes there until unlocked. */
  'moderation:lock': z.object({ spaceId: z.string().min(1).max(64), locked: z.boolean(), reasonCode: z.enum(REASON_CODES) }).strict(),
  /** Dismisses a report without touching the item. */
  'moderation:dismiss': z.object({ reportId: z.string().min(1).max(64), version: z.number().int().min(1), reasonCode: z.enum(REASON_CODES) }).strict(),
} as const;

export interface ModerationClientResults {
  'report:create': { report: ReportView };
  'report:mine': { reports: ReportView[] };
  'moderation:join': { reports: ReportView[]; pending: ModeratedItemView[]; recent: ModeratedItemView[]; spaces: ConsoleSpace[] };
  'moderation:claim': { report: ReportView };
  'moderation:act': { item: ModeratedItemView };
  'moderation:read': { item: ModeratedItemView; text: string };
  'moderation:lock': { space: ConsoleSpace };
  'moderation:dismiss': { report: ReportView };
}

export interface ModerationServerEvents {
  /** A report was created or changed (status, claim): for the consoles and the reporter. */
  'moderation:report': (report: ReportView) => void;
  /** A new contribution or a pending item in a moderated scope: the console's live stream. */
  'moderation:item': (item: ModeratedItemView) => void;
  /** A space a console covers was locked or unlocked (from any console). */
  'moderation:space': (space: ConsoleSpace) => void;
}
