import {
  PUPIL_MODERATOR_ACTIONS,
  REASON_CODES,
  type ItemState,
  type ModeratedItemView,
  type ModerationAction,
  type ReasonCode,
  type ReportView,
} from '../../../../shared/moderation/types';
import type { ErrorCode } from '../../../../shared/errors';
import type { FeatureT } from '../../i18n/feature';

/** Items of different kinds may share an id (a pad's id is its space's): an item is its kind and id. */
export const sameItem = (a: { kind: string; id: string }, b: { kind: string; id: string }): boolean => a.kind === b.kind && a.id === b.id;

/** How many live contributions the stream keeps. */
export const STREAM_MAX = 100;

/**
 * A list with an item's newer view: replaced in place, or added first. A view older than the one shown (an
 * event overtaken by an action's answer) is ignored, so `version` only moves forward.
 */
export function withItem(list: ModeratedItemView[], item: ModeratedItemView): ModeratedItemView[] {
  const index = list.findIndex((entry) => sameItem(entry, item));
  if (index < 0) return [item, ...list];
  if (list[index]!.version > item.version) return list;
  const copy = [...list];
  copy[index] = item;
  return copy;
}

/**
 * The review list after an item changed: it stays while it waits for a teacher, pre-moderated (pending) or hidden
 * pending review (by a pupil moderator, or after many reports); approving, restoring or deleting takes it out.
 */
export function pendingWith(list: ModeratedItemView[], item: ModeratedItemView): ModeratedItemView[] {
  if (item.state === 'pending' || item.state === 'hidden') return withItem(list, item);
  const current = list.find((entry) => sameItem(entry, item));
  return current && current.version > item.version ? list : list.filter((entry) => !sameItem(entry, item));
}

/** The stream after an item changed: newest first, capped. */
export function streamWith(list: ModeratedItemView[], item: ModeratedItemView): ModeratedItemView[] {
  return withItem(list, item).slice(0, STREAM_MAX);
}

/** Reports whose item just changed carry its new view (its version is what the next action must send). */
export function reportsWithItem(reports: ReportView[], item: ModeratedItemView): ReportView[] {
  let changed = false;
  const next = reports.map((report) => {
    if (report.kind !== item.kind || report.itemId !== item.id) return report;
    if (report.item && report.item.version > item.version) return report;
    changed = true;
    return { ...report, item };
  });
  return changed ? next : reports;
}

/** A list with a report's newer view (an older one, overtaken by a claim's answer, is ignored). */
export function withReport(reports: ReportView[], report: ReportView): ReportView[] {
  const index = reports.findIndex((entry) => entry.id === report.id);
  if (index < 0) return [report, ...reports];
  if (reports[index]!.version > report.version) return reports;
  const copy = [...reports];
  copy[index] = report;
  return copy;
}

/** What makes sense for an item in each state (a visible item is not approved or restored, a hidden one not hidden). */
const BY_STATE: Record<ItemState, readonly ModerationAction[]> = {
  pending: ['approve', 'hide', 'edit', 'delete', 'mute'],
  visible: ['hide', 'edit', 'delete', 'mute'],
  hidden: ['restore', 'edit', 'delete', 'mute'],
  deleted: ['restore', 'mute'],
};

/**
 * The actions a moderator is offered on an item: those that make sense for its state, that they may take
 * (pupil moderators approve and hide only), and a mute only when there is an author. A pad is moderated in the
 * pad itself: no action here.
 */
export function availableActions(item: ModeratedItemView | null, fullRights: boolean): ModerationAction[] {
  if (!item || item.kind === 'pad') return [];
  return BY_STATE[item.state].filter((action) => (fullRights || PUPIL_MODERATOR_ACTIONS.includes(action)) && (action !== 'mute' || item.authorId !== null));
}

/** The reason a report suggests: its category when it is also a reason code. */
export function reasonOf(category: string | undefined): ReasonCode | null {
  return (REASON_CODES as readonly string[]).includes(category ?? '') ? (category as ReasonCode) : null;
}

/** The CONFLICT answer to a claim carries the report's current view as JSON (its message); null if it does not. */
export function reportFromConflict(message: string): ReportView | null {
  try {
    const parsed = JSON.parse(message) as Partial<ReportView> | null;
    return parsed && typeof parsed.id === 'string' && typeof parsed.version === 'number' && typeof parsed.status === 'string' ? (parsed as ReportView) : null;
  } catch {
    return null;
  }
}

/** The words for a failed answer: a conflict has its own message (the item's new state is then shown). */
export function failureText(t: FeatureT, code: ErrorCode): string {
  return code === 'CONFLICT' ? t('conflict') : t(`errors.${code}`, { defaultValue: t('failed') });
}
