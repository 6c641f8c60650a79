import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { registerFeatureWords } from './index';

type Json = { [key: string]: string | Json };

/** A feature's translations, registered as the i18next namespace `namespace` (see `defineFeatureI18n`). */
export interface FeatureI18n {
  readonly namespace: string;
}

/**
 * Registers a feature's translations, `client/src/features/<feature>/i18n/{fr,en}.json`, as an i18next namespace
 * named after the feature. Each feature calls it in its `i18n.ts`, so its words travel with its code: a page loaded
 * on demand brings its own, and the first pages carry only theirs. French comes with the code; English (`en`, as
 * `() => import('./i18n/en.json')`) is fetched only in a tab that speaks it. Components reach a namespace only
 * through the object returned here (`useFeatureT(wallI18n)`), so whoever uses one has registered it.
 */
export function defineFeatureI18n(namespace: string, fr: Json, en: () => Promise<{ default: Json }>): FeatureI18n {
  registerFeatureWords(namespace, fr, { en });
  return { namespace };
}

/** Translates one key of a feature namespace. */
export type FeatureT = (key: string, options?: Record<string, unknown>) => string;

/**
 * `t` for a feature's namespace. Keys are checked by each feature's i18n test (fr and en have the same keys),
 * since namespaces outside the app's typed resources are not typed by i18next.
 */
export function useFeatureT(feature: FeatureI18n): { t: FeatureT; language: string } {
  const { i18n: instance } = useTranslation();
  const language = instance.language;
  const { namespace } = feature;
  const t = useCallback<FeatureT>(
    (key, options) => (instance.t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, { ...options, ns: namespace, lng: language }),
    [instance, namespace, language],
  );
  return { t, language };
}
