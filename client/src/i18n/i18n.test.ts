import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import en from './en.json';
import fr from './fr.json';
import i18n, { loadLanguage, loadPageWords } from './index';
import { DEFAULT_LANGUAGE, LANGUAGE_STORAGE_KEY, readStoredLanguage, storeLanguage } from './language';
import { PAGE_SECTIONS } from './sections';

/** Every leaf key of a nested translation object, as dotted paths. */
function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    data,
  };
}

describe('translations', () => {
  it('French and English have exactly the same keys', () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(fr).sort());
  });

  it('no translation is empty', () => {
    for (const resource of [fr, en]) {
      for (const key of leafKeys(resource)) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resource);
        expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
      }
    }
  });

  it('names only existing sections as those of the pages loaded on demand', () => {
    for (const section of PAGE_SECTIONS) expect(Object.keys(fr), section).toContain(section);
  });

  it('has the page sections once they are loaded, and English once it is', async () => {
    expect(i18n.exists('admin.users.title', { lng: 'fr' })).toBe(false);
    await loadPageWords();
    expect(i18n.getFixedT('fr')('admin.users.title')).toBe(fr.admin.users.title);
    await loadLanguage('en');
    expect(i18n.getFixedT('en')('admin.users.title')).toBe(en.admin.users.title);
  });

  it('every shared error code has a message', () => {
    for (const code of ERROR_CODES) {
      expect(fr.errors.codes[code], code).toBeTruthy();
      expect(en.errors.codes[code], code).toBeTruthy();
    }
  });
});

describe('language preference', () => {
  it('defaults to French', () => {
    expect(DEFAULT_LANGUAGE).toBe('fr');
    expect(readStoredLanguage(memoryStorage())).toBe('fr');
    expect(readStoredLanguage(undefined)).toBe('fr');
  });

  it('reads back a stored choice and ignores unsupported values', () => {
    const storage = memoryStorage();
    storeLanguage('en', storage);
    expect(storage.data.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(readStoredLanguage(storage)).toBe('en');
    expect(readStoredLanguage(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'de' }))).toBe('fr');
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(readStoredLanguage(broken)).toBe('fr');
    expect(() => storeLanguage('en', broken)).not.toThrow();
  });
});
