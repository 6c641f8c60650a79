import { defineFeatureI18n } from '../../../i18n/feature';
import fr from './i18n/fr.json';

/** The availability notice's few words, a namespace of their own: it shows in the wall's and the forum's pages. */
export const availabilityI18n = defineFeatureI18n('notificationsAvailability', fr, () => import('./i18n/en.json'));
