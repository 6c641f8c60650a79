import { z } from 'zod';

/** The pad's own settings, stored in the space's `settings` and validated on every change. */
export const PadSettingsSchema = z.object({}).strict();
export type PadSettings = z.infer<typeof PadSettingsSchema>;
