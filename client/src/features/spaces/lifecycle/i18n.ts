import { defineFeatureI18n } from '../../../i18n/feature';
import fr from './i18n/fr.json';

/**
 * The `spaceLifecycle` namespace (archive, bin, co-teachers), registered when this module is first imported:
 * only the settings of a space and the bin load it, never the first pages.
 */
export const lifecycleI18n = defineFeatureI18n('spaceLifecycle', fr, () => import('./i18n/en.json'));
