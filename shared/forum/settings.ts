import { z } from 'zod';
import { FORUM_EDIT_WINDOW_DEFAULT_MINUTES, FORUM_EDIT_WINDOW_MAX_MINUTES, FORUM_RULES_MAX_CHARS } from './limits';

/** The rules shown above the editor unless the teacher writes their own (charter 000 §4: language and citizenship). */
export const DEFAULT_FORUM_RULES = [
  'Sur ce forum, je suis poli et respectueux : je ne me moque de personne et je n’insulte personne.',
  'J’écris des phrases complètes et je fais attention à l’orthographe ; je me relis avant d’envoyer.',
  'Je ne donne aucune information personnelle : ni adresse, ni numéro de téléphone, ni adresse e-mail, les miennes comme celles des autres.',
].join('\n');

/**
 * A forum's settings, set by its teacher through `PATCH /api/spaces/:id`:
 * - `editWindowMinutes`: how long an author may edit their post (moderators may edit at any time);
 * - `preModeration`: pupils' topics and replies wait for a moderator before others see them;
 * - `rules`: shown above the editor.
 */
export const ForumSettingsSchema = z
  .object({
    editWindowMinutes: z.number().int().min(0).max(FORUM_EDIT_WINDOW_MAX_MINUTES).default(FORUM_EDIT_WINDOW_DEFAULT_MINUTES),
    preModeration: z.boolean().default(false),
    rules: z.string().trim().max(FORUM_RULES_MAX_CHARS).default(DEFAULT_FORUM_RULES),
  })
  .strict();
export type ForumSettings = z.infer<typeof ForumSettingsSchema>;

/** The settings of a stored space, with defaults for anything missing. */
export function forumSettingsOf(settings: Record<string, unknown>): ForumSettings {
  const parsed = ForumSettingsSchema.safeParse(settings);
  return parsed.success ? parsed.data : ForumSettingsSchema.parse({});
}
