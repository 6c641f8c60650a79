import { z } from 'zod';
import { CHAT_EDIT_WINDOW_DEFAULT_MINUTES, CHAT_EDIT_WINDOW_MAX_MINUTES, CHAT_OPENING_RANGES_MAX, CHAT_SLOW_MODE_MAX_SECONDS } from './limits';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** One opening range: an ISO weekday (1 = lundi … 7 = dimanche) and a time range in Paris time. */
export const OpeningRangeSchema = z
  .object({ day: z.number().int().min(1).max(7), from: HHMM, to: HHMM })
  .strict()
  .refine((range) => range.from < range.to, { message: 'from must be before to', path: ['to'] });
export type OpeningRange = z.infer<typeof OpeningRangeSchema>;

/**
 * A chat room's settings, set by its teacher through `PATCH /api/spaces/:id`:
 * - `open`: a closed room keeps its history readable, but only moderators post;
 * - `openingHours`: when not empty, pupils and parents post only within these ranges (Europe/Paris);
 * - `slowModeSeconds`: one message per N seconds per pupil (0 = off);
 * - `editWindowMinutes`: how long an author may edit or delete their own message;
 * - `preModeration`: pupils' messages wait for a moderator before anyone else sees them;
 * - `parentsRead`: the class chat is a conversation between the class and its teachers: parents read it only
 *   when the teacher opens it to them (the same rule in the parents' charter and the policy table).
 */
export const ChatSettingsSchema = z
  .object({
    open: z.boolean().default(true),
    openingHours: z.array(OpeningRangeSchema).max(CHAT_OPENING_RANGES_MAX).default([]),
    slowModeSeconds: z.number().int().min(0).max(CHAT_SLOW_MODE_MAX_SECONDS).default(0),
    editWindowMinutes: z.number().int().min(0).max(CHAT_EDIT_WINDOW_MAX_MINUTES).default(CHAT_EDIT_WINDOW_DEFAULT_MINUTES),
    preModeration: z.boolean().default(false),
    parentsRead: z.boolean().default(false),
  })
  .strict();
export type ChatSettings = z.infer<typeof ChatSettingsSchema>;

/** The settings of a stored space, with defaults for anything missing (older rooms, partial updates). */
export function chatSettingsOf(settings: Record<string, unknown>): ChatSettings {
  const parsed = ChatSettingsSchema.safeParse(settings);
  return parsed.success ? parsed.data : ChatSettingsSchema.parse({});
}
