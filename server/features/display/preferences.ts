import { DEFAULT_DISPLAY_PREFERENCES, type DisplayPreferences } from '../../../shared/display/preferences';
import type { ServerContext } from '../../context';
import type { BaseDoc } from '../../storage/port';

/** One person's display preferences as stored (`_id` is the user's id). */
export interface DisplayPreferencesDoc extends BaseDoc, DisplayPreferences {
  schoolId: string;
  updatedAt: number;
}

export const DISPLAY_PREFERENCES_COLLECTION = 'displayPreferences';

const collection = (ctx: ServerContext) => ctx.store.collection<DisplayPreferencesDoc>(DISPLAY_PREFERENCES_COLLECTION);

/** One person's display preferences (the defaults when never set). */
export async function loadDisplayPreferences(ctx: ServerContext, userId: string): Promise<DisplayPreferences> {
  const doc = await collection(ctx).findOne({ _id: userId });
  return doc ? { font: doc.font, textScale: doc.textScale, contrast: doc.contrast } : DEFAULT_DISPLAY_PREFERENCES;
}

/** Replaces one person's display preferences (one atomic upsert); call it inside `auditedChange` with its event. */
export async function saveDisplayPreferences(ctx: ServerContext, user: { _id: string; schoolId: string }, preferences: DisplayPreferences, now: number): Promise<void> {
  await collection(ctx).updateOne({ _id: user._id }, { $set: { ...preferences, schoolId: user.schoolId, updatedAt: now } }, { upsert: true });
}
