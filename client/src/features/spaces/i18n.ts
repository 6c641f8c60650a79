import { defineFeatureI18n } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** The `spaces` namespace (the dashboard's spaces and each space's settings), registered when this module is first imported. */
export const spacesI18n = defineFeatureI18n('spaces', fr, () => import('./i18n/en.json'));
