import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from './index';

type Json = { [key: string]: string | Json };

// Every feature's translations, `client/src/features/<feature>/i18n/{fr,en}.json`, as an i18next namespace
// named after the feature: features stay in their folder and nobody edits a shared file to add strings.
const bundles = import.meta.glob<Json>('../features/*/i18n/*.json', { eager: true, import: 'default' });
for (const [path, bundle] of Object.entries(bundles)) {
  const match = /features\/([^/]+)\/i18n\/(fr|en)\.json$/.exec(path);
  if (match) i18n.addResourceBundle(match[2]!, match[1]!, bundle, true, true);
}

/** Translates one key of a feature namespace. */
export type FeatureT = (key: string, options?: Record<string, unknown>) => string;

/**
 * `t` for a feature's namespace. Keys are checked by each feature's i18n test (fr and en have the same keys),
 * since namespaces outside the app's typed resources are not typed by i18next.
 */
export function useFeatureT(namespace: string): { t: FeatureT; language: string } {
  const { i18n: instance } = useTranslation();
  const language = instance.language;
  const t = useCallback<FeatureT>(
    (key, options) => (instance.t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, { ...options, ns: namespace, lng: language }),
    [instance, namespace, language],
  );
  return { t, language };
}

/** The namespaces registered from feature folders (for tests). */
export const featureNamespaces = [...new Set(Object.keys(bundles).map((path) => /features\/([^/]+)\//.exec(path)?.[1] ?? ''))].filter(Boolean);
