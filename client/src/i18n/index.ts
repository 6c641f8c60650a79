import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
// The French words of the first pages (the shell, sign-in, the homes): fr.json without its `PAGE_SECTIONS`, which
// come with the pages that use them (`loadPageWords`). fr.json stays the one reference file.
import shellWords from './fr.json?shell';
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, isLanguage, readStoredLanguage, storeLanguage, type Language } from './language';
import { withVoice } from './voice';

type Json = { [key: string]: string | Json };
type Loader = () => Promise<{ default: Json }>;

/** Keeps `<html lang>` in sync so screen readers pronounce the page correctly. */
function syncDocumentLanguage(lang: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

i18n.on('languageChanged', (lang) => {
  syncDocumentLanguage(lang);
  if (isLanguage(lang)) storeLanguage(lang);
});

void withVoice(i18n.use(initReactI18next)).init({
  // French is bundled with the app; English is fetched when chosen (`loadLanguage`), so French tabs never load it.
  resources: { fr: { translation: shellWords } },
  partialBundledLanguages: true,
  lng: readStoredLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...SUPPORTED_LANGUAGES],
  defaultNS: 'translation',
  // Resources are bundled: initialise synchronously so the first render is already translated.
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes already.
  returnNull: false,
  // « tu » to pupils, « vous » to adults: a key's `_pupil` form for a signed-in pupil (voice.ts).
  postProcess: ['voice'],
});

syncDocumentLanguage(i18n.language);

/** How each language's words other than the bundled French ones are fetched: per namespace, per language. */
const loaders = new Map<string, Partial<Record<Language, Loader>>>([['translation', { en: () => import('./en.json') }]]);

/**
 * Registers a feature namespace: its French words now (they come with the feature's code), the other languages'
 * when they are needed (`loadLanguage`).
 */
export function registerFeatureWords(namespace: string, fr: Json, others: Partial<Record<Language, Loader>>): void {
  i18n.addResourceBundle('fr', namespace, fr, true, true);
  loaders.set(namespace, others);
}

/**
 * Makes a language's words available for the app and for every feature registered so far (a no-op for what is
 * loaded already; French always is). Called before the first render, when the language is switched, and after a
 * page loaded on demand registered its features.
 */
export async function loadLanguage(lang: string): Promise<void> {
  if (!isLanguage(lang)) return;
  await Promise.all(
    [...loaders].map(async ([namespace, byLanguage]) => {
      const load = byLanguage[lang];
      if (!load || i18n.hasResourceBundle(lang, namespace)) return;
      const { default: bundle } = await load();
      i18n.addResourceBundle(lang, namespace, bundle, true, true);
    }),
  );
}

let pageWords: Promise<void> | null = null;

/** Adds the French words of the pages loaded on demand (administration, account, charter…), once. */
export function loadPageWords(): Promise<void> {
  pageWords ??= import('./pageWords').then(
    (module) => void i18n.addResourceBundle('fr', 'translation', module.pageWords, true, false),
    (error: unknown) => {
      pageWords = null; // fetched again by the next page
      throw error;
    },
  );
  return pageWords;
}

/** Switches to a language once its words are loaded. */
export async function switchLanguage(lang: Language): Promise<void> {
  await loadLanguage(lang);
  await i18n.changeLanguage(lang);
}

export default i18n;
