import { z } from 'zod';

/**
 * The pad's own settings, stored in the space's `settings` and validated on every change.
 * - `authorsVisibleTo`: who may switch on "afficher les auteurs" (authors keep their moral rights, so
 *   everyone by default; a teacher may keep it to the moderators for a first draft).
 */
export const PadSettingsSchema = z
  .object({
    authorsVisibleTo: z.enum(['everyone', 'moderators']).default('everyone'),
  })
  .strict();
export type PadSettings = z.infer<typeof PadSettingsSchema>;
