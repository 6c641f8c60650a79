import { DEFAULT_DISPLAY_PREFERENCES, isDisplayPreferences, type DisplayPreferences } from '../../../../../shared/display/limits';

/** This browser's copy of the last display preferences, so the sign-in page and the first paint already have them. */
export const DISPLAY_STORAGE_KEY = 'preau.display';


/** The preferences kept in this browser, or the defaults. */
export function storedDisplayPreferences(): DisplayPreferences {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(DISPLAY_STORAGE_KEY) ?? 'null');
    return isDisplayPreferences(stored) ? stored : DEFAULT_DISPLAY_PREFERENCES;
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
    // The fonts' table is a chunk of its own too: only those who chose a font fetch it.
    void import('./fonts')
      .then(({ FONT_STYLESHEETS }) => FONT_STYLESHEETS[font]())
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

/** Applies this browser's last display preferences before the first render (called once, by the app's module). */
export function applyStoredDisplayPreferences(): void {
  applyDisplayPreferences(storedDisplayPreferences());
}
