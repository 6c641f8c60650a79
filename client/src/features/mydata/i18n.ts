import { defineFeatureI18n, useFeatureT, type FeatureT } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** The « Mes données » namespace, registered with its pages' code, loaded on demand. */
export const myDataI18n = defineFeatureI18n('mydata', fr, () => import('./i18n/en.json'));

/** `t` for the « Mes données » namespace. */
export function useMyDataT(): { t: FeatureT; language: string } {
  return useFeatureT(myDataI18n);
}
