import { z } from 'zod';

/** The forum's own settings, stored in the space's `settings` and validated on every change. */
export const ForumSettingsSchema = z.object({}).strict();
export type ForumSettings = z.infer<typeof ForumSettingsSchema>;
