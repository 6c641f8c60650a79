import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ModerationSettings } from '../../../../shared/moderation/types';
import { apiRequest } from '../../lib/api';
import { adminQueryKey } from './useUsers';

const settingsKey = [...adminQueryKey, 'moderationSettings'];

/** `GET /api/moderation/settings`: the school's moderation settings (the director). */
export function useModerationSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: ({ signal }) => apiRequest<ModerationSettings>('/api/moderation/settings', { signal }) });
}

/** `PUT /api/moderation/settings` (audited; a new retention applies to the evidence already kept). */
export function useSaveModerationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...settingsKey, 'save'],
    mutationFn: (body: ModerationSettings) => apiRequest<ModerationSettings>('/api/moderation/settings', { method: 'PUT', body }),
    onSuccess: (saved) => client.setQueryData(settingsKey, saved),
  });
}
