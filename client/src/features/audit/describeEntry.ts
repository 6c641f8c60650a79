import type { AuditEntry } from '../../../../shared/audit/events';
import { concernedUserOf } from '../../../../shared/audit/labels';
import type { AuditNames } from './useAuditNames';
import type { AuditT } from './i18n';

/** The end of an id, enough to tell two unknown accounts apart without filling the row. */
export const shortId = (id: string): string => (id.length > 8 ? `…${id.slice(-6)}` : id);

/** A user's name, or « Compte …a1b2c3 » for an id the reader's directory does not hold. */
export function personName(names: Pick<AuditNames, 'people'>, id: string, t: AuditT): string {
  return names.people.get(id)?.displayName ?? t('entries.unknownUser', { id: shortId(id) });
}

/** Where it happened: the space's title, else the class, else nothing. */
export function placeOf(entry: AuditEntry, names: Pick<AuditNames, 'spaces' | 'classNames'>, t: AuditT): string | null {
  const { spaceId, classId } = entry.context;
  if (spaceId) return names.spaces.get(spaceId)?.title ?? t('entries.unknownSpace', { id: shortId(spaceId) });
  if (classId) return t('entries.classPlace', { name: names.classNames.get(classId) ?? shortId(classId) });
  return null;
}

/** The other person an action concerns (never the actor): the one rule the CSV export follows too. */
export const concernedUser = concernedUserOf;

/** Dates with seconds: two actions in the same minute must stay in order for the reader. */
export function formatWhen(ts: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(ts));
}
