import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import fr from './fr.json';
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, isLanguage, readStoredLanguage, storeLanguage } from './language';

export const resources = {
  fr: { translation: fr },
  en: { translation: en },
} as const;

/** Keeps `<html lang>` in sync so screen readers pronounce the page correctly. */
function syncDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

i18n.on('languageChanged', (language) => {
  syncDocumentLanguage(language);
  if (isLanguage(language)) storeLanguage(language);
});

void i18n.use(initReactI18next).init({
  resources,
  lng: readStoredLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...SUPPORTED_LANGUAGES],
  defaultNS: 'translation',
  // Resources are bundled: initialise synchronously so the first render is already translated.
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes already.
  returnNull: false,
});

syncDocumentLanguage(i18n.language);

export default i18n;
