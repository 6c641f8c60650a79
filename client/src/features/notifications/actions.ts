import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Availability, NotificationPreferences, SchoolNotificationSettings } from '../../../../shared/notifications/types';
import { apiRequest } from '../../lib/api';
import { NOTIFICATIONS_API as BASE, notificationKeys } from './api';
import type { NotificationPages } from './cache';
import { markAllRead, markOneRead } from './localCache';

const update = (client: QueryClient, change: (data: NotificationPages | undefined) => NotificationPages | undefined) =>
  client.setQueryData<NotificationPages>(notificationKeys.pages, change);

/** `POST /api/notifications/:id/read`, shown read at once. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<unknown>(`${BASE}/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onMutate: (id) => update(client, (data) => markOneRead(data, id)),
    onError: () => client.invalidateQueries({ queryKey: notificationKeys.pages }),
  });
}

/** `POST /api/notifications/read-all`, shown read at once. */
export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<unknown>(`${BASE}/read-all`, { method: 'POST' }),
    onMutate: () => update(client, markAllRead),
    onError: () => client.invalidateQueries({ queryKey: notificationKeys.pages }),
  });
}

/** `GET /api/notifications/preferences`. */
export function usePreferences() {
  return useQuery({ queryKey: notificationKeys.preferences, queryFn: ({ signal }) => apiRequest<NotificationPreferences>(`${BASE}/preferences`, { signal }) });
}

/** `PUT /api/notifications/preferences`. */
export function useSavePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (preferences: NotificationPreferences) => apiRequest<NotificationPreferences | undefined>(`${BASE}/preferences`, { method: 'PUT', body: preferences }),
    onSuccess: (saved, sent) => client.setQueryData(notificationKeys.preferences, saved && typeof saved === 'object' && 'kinds' in saved ? saved : sent),
  });
}

/** `GET /api/notifications/school`: the school's quiet hours per profile and holidays (staff read them, the director sets them). */
export function useSchoolSettings(enabled: boolean) {
  return useQuery({ enabled, queryKey: notificationKeys.school, queryFn: ({ signal }) => apiRequest<SchoolNotificationSettings>(`${BASE}/school`, { signal }), retry: false });
}

/** `PUT /api/notifications/school` (the director). */
export function useSaveSchoolSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: SchoolNotificationSettings) => apiRequest<SchoolNotificationSettings | undefined>(`${BASE}/school`, { method: 'PUT', body: settings }),
    onSuccess: (saved, sent) => client.setQueryData(notificationKeys.school, saved && typeof saved === 'object' && 'holidays' in saved ? saved : sent),
  });
}

/** `GET /api/notifications/availability/:userId`: whether someone receives notifications now. */
export function useAvailability(userId: string | null) {
  return useQuery({
    enabled: userId !== null,
    queryKey: notificationKeys.availability(userId ?? ''),
    queryFn: ({ signal }) => apiRequest<Availability>(`${BASE}/availability/${encodeURIComponent(userId ?? '')}`, { signal }),
  });
}
