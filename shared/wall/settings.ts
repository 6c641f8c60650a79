import { z } from 'zod';

/** The wall's own settings, stored in the space's `settings` and validated on every change. */
export const WallSettingsSchema = z.object({}).strict();
export type WallSettings = z.infer<typeof WallSettingsSchema>;
