import { defineFeatureI18n, useFeatureT, type FeatureT } from '../../i18n/feature';
import { useMe } from '../auth/useSession';
import { audienceOf } from './audience';
import fr from './i18n/fr.json';
import type { Audience } from './words';

/** The notifications namespace (the centre and the preferences), registered with their code, loaded on demand. */
export const notificationsI18n = defineFeatureI18n('notifications', fr, () => import('./i18n/en.json'));

/**
 * `t` for the centre's words, and who reads: a key with a `_pupil` form speaks to a pupil with « tu » (`tt`), the
 * plain key to adults with « vous ».
 */
export function useNotificationsT(): { t: FeatureT; tt: FeatureT; audience: Audience; language: string } {
  const { t, language } = useFeatureT(notificationsI18n);
  const audience = audienceOf(useMe());
  const tt: FeatureT = (key, options) => t(key, { ...options, context: audience === 'pupil' ? 'pupil' : undefined });
  return { t, tt, audience, language };
}
