import { defineFeatureI18n } from '../../../i18n/feature';
import fr from './i18n/fr.json';

/** The « Affichage » section's words (the account page), registered with its code, English loaded on demand. */
export const displayI18n = defineFeatureI18n('display', fr, () => import('./i18n/en.json'));
