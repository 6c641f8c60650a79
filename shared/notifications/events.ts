import type { NotificationView } from './types';

/** Notifications have no client-to-server events: reading and preferences go through REST. */
export const notificationClientEvents = {} as const;

export type NotificationClientResults = Record<never, never>;

export interface NotificationServerEvents {
  /** A new notification, or one that gathered another item (same id): show it, and the new unread count. */
  'notifications:new': (update: { notification: NotificationView; unread: number }) => void;
  /**
   * Notifications changed without popping: some were read elsewhere, gathered fewer items, or were removed
   * (their item was hidden or deleted, the space became unreadable). Drop `removed`, replace `changed`.
   */
  'notifications:changed': (update: { removed: string[]; changed: NotificationView[]; unread: number }) => void;
}
