import { defineFeatureI18n, useFeatureT, type FeatureT } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** The family namespace (the family page and the class week), registered with their code, loaded on demand. */
export const familyI18n = defineFeatureI18n('family', fr, () => import('./i18n/en.json'));

/** `t` for the family namespace. */
export function useFamilyT(): { t: FeatureT; language: string } {
  return useFeatureT(familyI18n);
}
