import type { Profile } from '../../../../shared/identity/profiles';
import { quietUntil } from '../../../../shared/notifications/quiet';
import type { NotificationPreferences, SchoolNotificationSettings } from '../../../../shared/notifications/types';
import type { ServerContext } from '../../../context';
import { loadPreferences, loadPreferencesOf, loadSchoolSettings, quietHoursOf } from '../preferences';

/** Who a hold is computed for: their id, school and profiles (staff quiet hours before pupils' and parents'). */
export interface QuietPerson {
  _id: string;
  schoolId: string;
  profiles: readonly Profile[];
}

/** Until when this person is quiet at `now`, from what is already loaded. */
export function quietUntilOf(person: QuietPerson, preferences: NotificationPreferences, school: SchoolNotificationSettings, now: number): number | null {
  return quietUntil(now, quietHoursOf(preferences, person.profiles, school), school.holidays);
}

/**
 * Until when a notification for this person is held by quiet hours (their own or their school's default for their
 * profile, and the school's holidays), or null when it may pop now. `now` is `serverNow(ctx)`.
 */
export async function heldUntil(ctx: ServerContext, user: QuietPerson, now: number): Promise<number | null> {
  const [preferences, school] = await Promise.all([loadPreferences(ctx, user._id), loadSchoolSettings(ctx, user.schoolId)]);
  return quietUntilOf(user, preferences, school, now);
}

/**
 * `heldUntil` for many people at once, by user id: one read of the preferences (none when the caller already
 * loaded them, `loaded`), one of the settings per school.
 */
export async function heldUntilOf(ctx: ServerContext, users: readonly QuietPerson[], now: number, loaded?: ReadonlyMap<string, NotificationPreferences>): Promise<Map<string, number | null>> {
  const missing = users.filter((user) => !loaded?.has(user._id)).map((user) => user._id);
  const preferences = new Map([...(loaded ?? []), ...(missing.length > 0 ? await loadPreferencesOf(ctx, missing) : [])]);
  const schools = new Map<string, SchoolNotificationSettings>();
  for (const schoolId of new Set(users.map((user) => user.schoolId))) schools.set(schoolId, await loadSchoolSettings(ctx, schoolId));
  const held = new Map<string, number | null>();
  for (const user of users) {
    const school = schools.get(user.schoolId);
    const own = preferences.get(user._id);
    held.set(user._id, school && own ? quietUntilOf(user, own, school, now) : null);
  }
  return held;
}
