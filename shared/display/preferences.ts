import { z } from 'zod';
import { DISPLAY_CONTRASTS, DISPLAY_FONTS, TEXT_SCALE_MAX, TEXT_SCALE_MIN, TEXT_SCALE_STEP, type DisplayPreferences } from './limits';

export * from './limits';

/** The display preferences a client sends (`PUT /api/me/display`); the values and limits are in `limits.ts`. */
export const DisplayPreferencesSchema: z.ZodType<DisplayPreferences> = z
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
