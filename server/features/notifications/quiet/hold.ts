import type { Profile } from '../../../../shared/identity/profiles';
import type { ServerContext } from '../../../context';

/**
 * Until when a notification for this person is held by quiet hours (their own or their school's, and the school's
 * holidays), or null when it may pop now. STUB until the quiet-hours engineer lands it: never holds.
 */
export async function heldUntil(_ctx: ServerContext, _user: { _id: string; schoolId: string; profiles: readonly Profile[] }, _now: number): Promise<number | null> {
  return null;
}
