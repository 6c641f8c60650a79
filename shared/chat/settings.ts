import { z } from 'zod';

/** The chat's own settings, stored in the space's `settings` and validated on every change. */
export const ChatSettingsSchema = z.object({}).strict();
export type ChatSettings = z.infer<typeof ChatSettingsSchema>;
