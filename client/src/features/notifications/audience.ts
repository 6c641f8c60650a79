import type { MeResponse } from '../../../../shared/identity/api';
import { voiceOf } from '../../i18n/voice';
import type { Audience } from './words';

/** « tu » when the user's main profile is pupil, « vous » otherwise: the app's one voice rule (i18n/voice.ts). */
export function audienceOf(me: Pick<MeResponse, 'profiles'>): Audience {
  return voiceOf(me.profiles);
}
