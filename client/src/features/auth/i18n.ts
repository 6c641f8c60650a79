import { defineFeatureI18n } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** The `auth` namespace (the sign-in page), registered when this module is first imported. */
export const authI18n = defineFeatureI18n('auth', fr, () => import('./i18n/en.json'));
