import type { InfiniteData } from '@tanstack/react-query';
import type { NotificationPage, NotificationView } from '../../../../shared/notifications/types';

/** The centre's pages as TanStack Query keeps them (the first page carries the unread count). */
export type NotificationPages = InfiniteData<NotificationPage, unknown>;

const newestFirst = (a: NotificationView, b: NotificationView) => b.lastAt - a.lastAt;

/** The pages with the unread count the server gave (it is carried by the first page). */
export function withUnread(data: NotificationPages, unread: number, pages: NotificationPage[]): NotificationPages {
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
