import type { Profile } from '../../../shared/identity/profiles';
import { DEFAULT_QUIET_HOURS } from '../../../shared/notifications/limits';
import type { Delivery, NotificationKind, NotificationPreferences, QuietHours, SchoolNotificationSettings } from '../../../shared/notifications/types';
import type { ServerContext } from '../../context';
import type { BaseDoc } from '../../storage/port';

/** One person's preferences as stored (`_id` is the user's id). */
export interface PreferencesDoc extends BaseDoc, NotificationPreferences {
  schoolId: string;
  updatedAt: number;
}

/** A school's notification settings as stored (`_id` is the school's id). */
export interface SchoolSettingsDoc extends BaseDoc, SchoolNotificationSettings {
  updatedAt: number;
}

export const PREFERENCES_COLLECTION = 'notificationPreferences';
export const SCHOOL_SETTINGS_COLLECTION = 'notificationSchoolSettings';

/** What someone who never changed anything gets: everything live, no own quiet hours (the school's), no e-mail. */
export const DEFAULT_PREFERENCES: NotificationPreferences = { kinds: {}, spaces: {}, quietHours: null, email: 'off', emailAddress: null, emailUrgent: false };

/** What a school that never changed anything has: the default quiet hours per profile, no holidays. */
export const DEFAULT_SCHOOL_SETTINGS: SchoolNotificationSettings = { quietHours: DEFAULT_QUIET_HOURS, holidays: [] };

const preferencesOf = (doc: PreferencesDoc | null): NotificationPreferences =>
  doc ? { kinds: doc.kinds, spaces: doc.spaces, quietHours: doc.quietHours, email: doc.email, emailAddress: doc.emailAddress ?? null, emailUrgent: doc.emailUrgent } : DEFAULT_PREFERENCES;

/** One person's preferences (the defaults when never set). */
export async function loadPreferences(ctx: ServerContext, userId: string): Promise<NotificationPreferences> {
  return preferencesOf(await ctx.store.collection<PreferencesDoc>(PREFERENCES_COLLECTION).findOne({ _id: userId }));
}

/** Several people's preferences at once, by user id (the defaults for those who never set any). */
export async function loadPreferencesOf(ctx: ServerContext, userIds: readonly string[]): Promise<Map<string, NotificationPreferences>> {
  const docs = userIds.length === 0 ? [] : await ctx.store.collection<PreferencesDoc>(PREFERENCES_COLLECTION).find({ _id: { $in: [...userIds] } });
  const byId = new Map(docs.map((doc) => [doc._id, preferencesOf(doc)]));
  return new Map(userIds.map((userId) => [userId, byId.get(userId) ?? DEFAULT_PREFERENCES]));
}

/** Replaces one person's preferences (one atomic upsert); call it inside `auditedChange` with its event. */
export async function savePreferences(ctx: ServerContext, user: { _id: string; schoolId: string }, preferences: NotificationPreferences, now: number): Promise<void> {
  await ctx.store
    .collection<PreferencesDoc>(PREFERENCES_COLLECTION)
    .updateOne({ _id: user._id }, { $set: { ...preferences, schoolId: user.schoolId, updatedAt: now } }, { upsert: true });
}

/** A school's notification settings (the defaults when never set). */
export async function loadSchoolSettings(ctx: ServerContext, schoolId: string): Promise<SchoolNotificationSettings> {
  const doc = await ctx.store.collection<SchoolSettingsDoc>(SCHOOL_SETTINGS_COLLECTION).findOne({ _id: schoolId });
  return doc ? { quietHours: { ...DEFAULT_QUIET_HOURS, ...doc.quietHours }, holidays: doc.holidays } : DEFAULT_SCHOOL_SETTINGS;
}

/** Replaces a school's settings (one atomic upsert); call it inside `auditedChange` with its event. */
export async function saveSchoolSettings(ctx: ServerContext, schoolId: string, settings: SchoolNotificationSettings, now: number): Promise<void> {
  await ctx.store.collection<SchoolSettingsDoc>(SCHOOL_SETTINGS_COLLECTION).updateOne({ _id: schoolId }, { $set: { ...settings, updatedAt: now } }, { upsert: true });
}

/** How a notification of this kind about this space reaches this person: the space's choice first, then the kind's. */
export function deliveryOf(preferences: NotificationPreferences, kind: NotificationKind, spaceId: string | null): Delivery {
  const space = spaceId === null ? undefined : preferences.spaces[spaceId];
  if (space === 'off') return 'off';
  const byKind = preferences.kinds[kind] ?? 'live';
  return space ?? byKind;
}

/**
 * The quiet hours that apply to a person: their own, else their school's default for the first of their profiles
 * that has one (staff before pupils and parents).
 */
export function quietHoursOf(preferences: NotificationPreferences, profiles: readonly Profile[], school: SchoolNotificationSettings): QuietHours | null {
  if (preferences.quietHours) return preferences.quietHours;
  for (const profile of profiles) {
    const hours = school.quietHours[profile];
    if (hours) return hours;
  }
  return null;
}
