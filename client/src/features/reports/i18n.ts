import { defineFeatureI18n } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** The `reports` namespace (the page of one's reports), registered when this module is first imported. */
export const reportsI18n = defineFeatureI18n('reports', fr, () => import('./i18n/en.json'));
