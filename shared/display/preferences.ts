import { z } from 'zod';

/**
 * How someone wants Préau displayed, kept with their account (« Mon compte » › « Affichage ») and applied on every
 * device they sign in on: a reading font, a text size and an increased contrast (staff charter, domain 4:
 * « adapter le type de police et la taille »).
 */

/** The fonts offered: the system's, and two shipped with the app (npm font packages, loaded only when chosen). */
export const DISPLAY_FONTS = ['system', 'atkinson', 'opendyslexic'] as const;
export type DisplayFont = (typeof DISPLAY_FONTS)[number];

/** Text size, in percent of the normal size: from 100 % to 150 %, by steps of 10. */
export const TEXT_SCALE_MIN = 100;
export const TEXT_SCALE_MAX = 150;
export const TEXT_SCALE_STEP = 10;

export const DISPLAY_CONTRASTS = ['normal', 'high'] as const;
export type DisplayContrast = (typeof DISPLAY_CONTRASTS)[number];

export const DisplayPreferencesSchema = z
  .object({
    font: z.enum(DISPLAY_FONTS),
    textScale: z
      .number()
      .int()
      .min(TEXT_SCALE_MIN)
      .max(TEXT_SCALE_MAX)
      .refine((scale) => (scale - TEXT_SCALE_MIN) % TEXT_SCALE_STEP === 0, `a step of ${TEXT_SCALE_STEP}`),
    contrast: z.enum(DISPLAY_CONTRASTS),
  })
  .strict();
export type DisplayPreferences = z.infer<typeof DisplayPreferencesSchema>;

/** What someone who never chose gets. */
export const DEFAULT_DISPLAY_PREFERENCES: DisplayPreferences = { font: 'system', textScale: TEXT_SCALE_MIN, contrast: 'normal' };

/** The sizes offered, in order (100, 110, … 150). */
export const TEXT_SCALES: readonly number[] = Array.from({ length: (TEXT_SCALE_MAX - TEXT_SCALE_MIN) / TEXT_SCALE_STEP + 1 }, (_, index) => TEXT_SCALE_MIN + index * TEXT_SCALE_STEP);
