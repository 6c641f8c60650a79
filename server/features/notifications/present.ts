import { NOTIFICATION_MAX_NAMES } from '../../../shared/notifications/limits';
import type { NotificationView } from '../../../shared/notifications/types';
import type { NotificationDoc } from './model';

/** The ids whose names a notification shows. */
export const namedIn = (doc: NotificationDoc): string[] => [...doc.actorIds, ...(doc.childId ? [doc.childId] : [])];

/** Who acted, the most recent first, each once, at most NOTIFICATION_MAX_NAMES. */
function actorNames(doc: NotificationDoc, names: ReadonlyMap<string, string>): string[] {
  const seen = new Set<string>();
  const shown: string[] = [];
  for (const id of [...doc.actorIds].reverse()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const name = names.get(id);
    if (name) shown.push(name);
    if (shown.length >= NOTIFICATION_MAX_NAMES) break;
  }
  return shown;
}

/**
 * A notification as its recipient gets it. `showItem` false (the item is no longer readable by them: a decision on
 * a hidden item) leaves only the space as the target.
 */
export function presentNotification(doc: NotificationDoc, spaceTitle: string | null, names: ReadonlyMap<string, string>, showItem = true): NotificationView {
  const latest = doc.items.at(-1) ?? null;
  return {
    id: doc._id,
    kind: doc.kind,
    spaceTitle,
    target:
      doc.spaceId && doc.spaceKind
        ? { spaceKind: doc.spaceKind, spaceId: doc.spaceId, itemKind: showItem ? (latest?.kind ?? null) : null, itemId: showItem ? (latest?.id ?? null) : null, parentId: showItem ? (latest?.parentId ?? null) : null }
        : null,
    count: doc.count,
    actorNames: actorNames(doc, names),
    childName: doc.childId ? (names.get(doc.childId) ?? null) : null,
    decision: doc.decision,
    held: doc.held ?? null,
    firstAt: doc.firstAt,
    lastAt: doc.lastAt,
    read: doc.read,
  };
}
