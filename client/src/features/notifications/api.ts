/**
 * What the bell needs (it is in the first load): the query keys and the centre's pages. What the centre and the
 * preferences do is in `actions.ts`, loaded with them.
 */
import { infiniteQueryOptions } from '@tanstack/react-query';
import type { NotificationPage } from '../../../../shared/notifications/types';
import { apiRequest } from '../../lib/api';

/** The notifications' REST routes. */
export const NOTIFICATIONS_API = '/api/notifications';
const BASE = NOTIFICATIONS_API;

/** Query keys of the notifications: the centre's pages (the bell reads its unread count), preferences, the school's. */
export const notificationKeys = {
  all: ['notifications'] as const,
  pages: ['notifications', 'pages'] as const,
  preferences: ['notifications', 'preferences'] as const,
  school: ['notifications', 'school'] as const,
  availability: (userId: string) => ['notifications', 'availability', userId] as const,
};

/**
 * `GET /api/notifications?before=`: the pages of the centre, newest first. The bell and the centre share this one
 * query: the bell only ever loads the first page (for its count), the centre loads more as one scrolls.
 */
export const notificationPagesQuery = infiniteQueryOptions({
  queryKey: notificationKeys.pages,
  queryFn: ({ pageParam, signal }) => apiRequest<NotificationPage>(pageParam ? `${BASE}?before=${pageParam}` : BASE, { signal }),
  initialPageParam: undefined as number | undefined,
  getNextPageParam: (last: NotificationPage) => last.nextBefore ?? undefined,
  // The live connection keeps it current; a reconnection refetches it.
  staleTime: Infinity,
});
