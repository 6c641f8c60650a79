import { PROFILE_PRECEDENCE } from '../../../../shared/identity/profiles';
import type { MeResponse } from '../../../../shared/identity/api';
import type { Audience } from './words';

/** « tu » when the user's main profile is pupil, « vous » otherwise (as the rate-limit notice decides). */
export function audienceOf(me: Pick<MeResponse, 'profiles'>): Audience {
  return PROFILE_PRECEDENCE.find((profile) => me.profiles.includes(profile)) === 'pupil' ? 'pupil' : 'adult';
}
