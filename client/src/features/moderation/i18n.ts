import { defineFeatureI18n } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** The `moderation` namespace (the moderation console, the report buttons and the user's notifications), registered when this module is first imported. */
export const moderationI18n = defineFeatureI18n('moderation', fr, () => import('./i18n/en.json'));
