import { defineFeatureI18n, useFeatureT, type FeatureT } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** Templates and duplication of spaces (issue 19), registered with the pages that offer them. */
export const spaceCopyI18n = defineFeatureI18n('spaceCopy', fr, () => import('./i18n/en.json'));

export function useSpaceCopyT(): FeatureT {
  return useFeatureT(spaceCopyI18n).t;
}
