import type { InfiniteData } from '@tanstack/react-query';
import type { NotificationPage, NotificationView } from '../../../../shared/notifications/types';

/** The centre's pages as TanStack Query keeps them (the first page carries the unread count). */
export type NotificationPages = InfiniteData<NotificationPage, unknown>;

const newestFirst = (a: NotificationView, b: NotificationView) => b.lastAt - a.lastAt;

function withUnread(data: NotificationPages, unread: number, pages: NotificationPage[]): NotificationPages {
  return { ...data, pages: pages.map((page, index) => (index === 0 ? { ...page, unread } : page)) };
}

/**
 * A notification that arrived live (new, or one that gathered another item: same id): it goes to the top of the
 * first page, wherever it was before, and the unread count becomes the server's.
 */
export function applyNew(data: NotificationPages | undefined, update: { notification: NotificationView; unread: number }): NotificationPages | undefined {
  if (!data || data.pages.length === 0) return data;
  const { notification } = update;
  const pages = data.pages.map((page, index) => {
    const others = page.notifications.filter((entry) => entry.id !== notification.id);
    return index === 0 ? { ...page, notifications: [notification, ...others].sort(newestFirst) } : { ...page, notifications: others };
  });
  return withUnread(data, update.unread, pages);
}

/**
 * Notifications that changed without popping: `removed` go (their item was hidden or deleted), `changed` replace
 * the ones shown (read elsewhere, fewer items); a changed one not shown yet is left for when its page loads.
 */
export function applyChanged(data: NotificationPages | undefined, update: { removed: string[]; changed: NotificationView[]; unread: number }): NotificationPages | undefined {
  if (!data || data.pages.length === 0) return data;
  const removed = new Set(update.removed);
  const changed = new Map(update.changed.map((entry) => [entry.id, entry]));
  const pages = data.pages.map((page) => ({
    ...page,
    notifications: page.notifications.filter((entry) => !removed.has(entry.id)).map((entry) => changed.get(entry.id) ?? entry).sort(newestFirst),
  }));
  return withUnread(data, update.unread, pages);
}

/** Marks one notification read in place (before the server answers), one fewer unread if it was. */
export function markOneRead(data: NotificationPages | undefined, id: string): NotificationPages | undefined {
  if (!data || data.pages.length === 0) return data;
  let wasUnread = false;
  const pages = data.pages.map((page) => ({
    ...page,
    notifications: page.notifications.map((entry) => {
      if (entry.id !== id || entry.read) return entry;
      wasUnread = true;
      return { ...entry, read: true };
    }),
  }));
  return withUnread(data, Math.max(0, (data.pages[0]?.unread ?? 0) - (wasUnread ? 1 : 0)), pages);
}

/** Marks everything read in place (before the server answers). */
export function markAllRead(data: NotificationPages | undefined): NotificationPages | undefined {
  if (!data || data.pages.length === 0) return data;
  const pages = data.pages.map((page) => ({ ...page, notifications: page.notifications.map((entry) => (entry.read ? entry : { ...entry, read: true })) }));
  return withUnread(data, 0, pages);
}

/** Every notification loaded so far, newest first, each once. */
export function allNotifications(data: NotificationPages | undefined): NotificationView[] {
  const seen = new Set<string>();
  const list: NotificationView[] = [];
  for (const page of data?.pages ?? []) {
    for (const entry of page.notifications) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      list.push(entry);
    }
  }
  return list;
}
