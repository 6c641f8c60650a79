/**
 * How someone wants Préau displayed, kept with their account (« Mon compte » › « Affichage ») and applied on every
 * device they sign in on: a reading font, a text size and an increased contrast (staff charter, domain 4:
 * « adapter le type de police et la taille »). No zod here: the first pages read this browser's copy before they
 * load anything else (the schema is in `preferences.ts`).
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

export interface DisplayPreferences {
  font: DisplayFont;
  textScale: number;
  contrast: DisplayContrast;
}

/** What someone who never chose gets. */
export const DEFAULT_DISPLAY_PREFERENCES: DisplayPreferences = { font: 'system', textScale: TEXT_SCALE_MIN, contrast: 'normal' };

/** The sizes offered, in order (100, 110, … 150). */
export const TEXT_SCALES: readonly number[] = Array.from({ length: (TEXT_SCALE_MAX - TEXT_SCALE_MIN) / TEXT_SCALE_STEP + 1 }, (_, index) => TEXT_SCALE_MIN + index * TEXT_SCALE_STEP);

/** Whether a value (this browser's stored copy) is exactly a set of display preferences. */
export function isDisplayPreferences(value: unknown): value is DisplayPreferences {
  if (typeof value !== 'object' || value === null) return false;
  const { font, textScale, contrast, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    (DISPLAY_FONTS as readonly unknown[]).includes(font) &&
    TEXT_SCALES.includes(textScale as number) &&
    (DISPLAY_CONTRASTS as readonly unknown[]).includes(contrast)
  );
}
