import { DEFAULT_DISPLAY_PREFERENCES, DisplayPreferencesSchema, type DisplayFont, type DisplayPreferences } from '../../../../../shared/display/preferences';

/** This browser's copy of the last display preferences, so the sign-in page and the first paint already have them. */
export const DISPLAY_STORAGE_KEY = 'preau.display';

/** Each shipped font's stylesheet (an npm font package), fetched only when someone chooses that font. */
const FONT_STYLESHEETS: Record<Exclude<DisplayFont, 'system'>, () => Promise<unknown>> = {
  atkinson: () => Promise.all([import('@fontsource/atkinson-hyperlegible/400.css'), import('@fontsource/atkinson-hyperlegible/700.css')]),
  opendyslexic: () => Promise.all([import('@fontsource/opendyslexic/400.css'), import('@fontsource/opendyslexic/700.css')]),
};

/** The preferences kept in this browser, or the defaults. */
export function storedDisplayPreferences(): DisplayPreferences {
  try {
    const parsed = DisplayPreferencesSchema.safeParse(JSON.parse(localStorage.getItem(DISPLAY_STORAGE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : DEFAULT_DISPLAY_PREFERENCES;
  } catch {
    return DEFAULT_DISPLAY_PREFERENCES;
  }
}

/**
 * Applies display preferences to the whole page: the root font size (every size of the theme is in rem), and two
 * attributes of `<html>` that global.css honours (`data-font`, `data-contrast`). Kept in this browser too.
 */
export function applyDisplayPreferences(preferences: DisplayPreferences): void {
  const root = document.documentElement;
  root.style.fontSize = preferences.textScale === DEFAULT_DISPLAY_PREFERENCES.textScale ? '' : `${preferences.textScale}%`;
  root.dataset.contrast = preferences.contrast;
  if (preferences.font === 'system') delete root.dataset.font;
  else {
    const font = preferences.font;
    // The attribute waits for the font's stylesheet: no flash of a fallback named as the chosen font.
    void FONT_STYLESHEETS[font]()
      .then(() => {
        if (storedDisplayPreferences().font === font) root.dataset.font = font;
      })
      .catch(() => undefined);
  }
  try {
    localStorage.setItem(DISPLAY_STORAGE_KEY, JSON.stringify(preferences));
  } catch {
    // Private browsing without storage: applied to this page only.
  }
}
