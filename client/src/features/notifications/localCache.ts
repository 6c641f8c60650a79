import type { NotificationView } from '../../../../shared/notifications/types';
import { withUnread, type NotificationPages } from './cache';

/** What the centre changes in the pages itself (the bell only needs `cache.ts`, for the live events). */

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
