import { MODERATION_ACTIONS, REASON_CODES, needsReasonCode, type ModeratedItemView, type ModerationAction, type ReasonCode, type ReportView } from '../../../../shared/moderation/types';
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
 * Whether an item waits for a decision (« À relire »): a first publication held by pre-moderation or by the
 * personal-information guard (pending), an author's change waiting for review (`pendingEdit`), or an item hidden
 * pending a teacher's review (by a pupil moderator, or after many reports).
 */
export function needsReview(item: ModeratedItemView): boolean {
  return item.state === 'pending' || item.state === 'hidden' || (item.state === 'visible' && item.pendingEdit);
}

/**
 * The review list after an item changed: it stays while it needs review; approving (or rejecting a change),
 * restoring or deleting takes it out.
 */
export function pendingWith(list: ModeratedItemView[], item: ModeratedItemView): ModeratedItemView[] {
  if (needsReview(item)) return withItem(list, item);
  const current = list.find((entry) => sameItem(entry, item));
  return current && current.version > item.version ? list : list.filter((entry) => !sameItem(entry, item));
}

/**
 * The lists without an item this moderator may no longer read (`withdrawn`: a pupil moderator once it is hidden
 * or held for a teacher): gone from the stream and the review list, and from its reports.
 */
export function withoutItem<T extends { kind: string; id: string }>(list: T[], item: { kind: string; id: string }): T[] {
  return list.some((entry) => sameItem(entry, item)) ? list.filter((entry) => !sameItem(entry, item)) : list;
}

export function reportsWithoutItem(reports: ReportView[], item: { kind: string; id: string }): ReportView[] {
  if (!reports.some((report) => report.kind === item.kind && report.itemId === item.id)) return reports;
  return reports.map((report) => (report.kind === item.kind && report.itemId === item.id ? { ...report, item: null, excerpt: '', quote: '', itemRemoved: true } : report));
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

/**
 * The actions a moderator is offered on an item: exactly those the server said this viewer may take on it now
 * (`item.actions`, decided by the policy table for its state, its author, the pupil moderator's limits), in a
 * stable order. A pad is moderated in the pad itself: no action here.
 */
export function availableActions(item: ModeratedItemView | null): ModerationAction[] {
  if (!item || item.kind === 'pad') return [];
  const allowed = new Set(item.actions);
  return MODERATION_ACTIONS.filter((action) => allowed.has(action));
}

/** The actions offered as buttons when they apply, in this order; everything else goes in the « Autres actions » menu. */
const PRIMARY_ORDER: readonly ModerationAction[] = ['approve', 'restore', 'reject', 'hide'];
/** At most this many buttons on an item: a moderator sees at a glance what fits its state. */
export const PRIMARY_MAX = 2;

/**
 * The actions of an item split for the console: the one or two that fit its state as buttons (publish what waits,
 * restore what was hidden, hide what is published), the others (edit, delete, mute…) in a menu.
 */
export function splitActions(actions: readonly ModerationAction[]): { primary: ModerationAction[]; secondary: ModerationAction[] } {
  const primary = PRIMARY_ORDER.filter((action) => actions.includes(action)).slice(0, PRIMARY_MAX);
  return { primary, secondary: actions.filter((action) => !primary.includes(action)) };
}

/** What an action asks before it is sent: a reason code (the author is told it), a free comment, the edit box, or nothing. */
export function actionPrompt(action: ModerationAction): 'reason' | 'comment' | 'edit' | 'none' {
  if (action === 'restore') return 'comment';
  if (action === 'edit') return 'edit';
  return needsReasonCode(action) ? 'reason' : 'none';
}

/**
 * The label key of an action: on an author's change waiting for review, approving publishes the change
 * (« Publier la modification »); `reject` only ever applies to such a change (« Refuser la modification »).
 */
export function actionLabelKey(item: ModeratedItemView, action: ModerationAction): string {
  return action === 'approve' && item.pendingEdit && item.state === 'visible' ? 'actions.approveEdit' : `actions.${action}`;
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
