import { defineFeatureI18n } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** The `admin` namespace (the administration pages and the roster's account actions), registered when this module is first imported. */
export const adminI18n = defineFeatureI18n('admin', fr, () => import('./i18n/en.json'));
