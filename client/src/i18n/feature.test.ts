import { describe, expect, it } from 'vitest';

type Json = { [key: string]: string | Json };
const bundles = import.meta.glob<Json>('../features/*/i18n/*.json', { eager: true, import: 'default' });

function keys(json: Json, prefix = ''): string[] {
  return Object.entries(json).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`)));
}

describe('feature translations', () => {
  const features = [...new Set(Object.keys(bundles).map((path) => /features\/([^/]+)\//.exec(path)![1]!))];

  it.each(features)('%s has the same keys in French and English, none empty', (feature) => {
    const fr = bundles[`../features/${feature}/i18n/fr.json`];
    const en = bundles[`../features/${feature}/i18n/en.json`];
    expect(fr, `${feature}/i18n/fr.json`).toBeDefined();
    expect(en, `${feature}/i18n/en.json`).toBeDefined();
    expect(keys(en!).sort()).toEqual(keys(fr!).sort());
    for (const json of [fr!, en!]) for (const key of keys(json)) expect(key.split('.').reduce<string | Json>((node, part) => (node as Json)[part]!, json)).not.toBe('');
  });
});
