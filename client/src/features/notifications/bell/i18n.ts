import { defineFeatureI18n } from '../../../i18n/feature';
import fr from './i18n/fr.json';

/**
 * The bell's few words, a namespace of their own: the bell is on every page (in the first load), the centre's words
 * come with the centre.
 */
export const bellI18n = defineFeatureI18n('notificationsBell', fr, () => import('./i18n/en.json'));
