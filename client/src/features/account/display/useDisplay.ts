import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DisplayPreferences } from '../../../../../shared/display/limits';
import { apiRequest } from '../../../lib/api';
import { applyDisplayPreferences } from './apply';

const displayQueryKey = (userId: string | null) => ['me', 'display', userId] as const;

/** `GET /api/me/display`: the signed-in user's display preferences (none asked when signed out). */
export function useDisplayPreferences(userId: string | null) {
  return useQuery({
    queryKey: displayQueryKey(userId),
    queryFn: ({ signal }) => apiRequest<DisplayPreferences>('/api/me/display', { signal }),
    enabled: userId !== null,
    staleTime: Infinity,
  });
}

/** `PUT /api/me/display`: applied at once on this page, kept with the account for every device. */
export function useSaveDisplayPreferences(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['me', 'display', 'save'],
    mutationFn: (next: DisplayPreferences) => apiRequest<DisplayPreferences>('/api/me/display', { method: 'PUT', body: next }),
    onMutate: (next) => {
      applyDisplayPreferences(next);
      client.setQueryData(displayQueryKey(userId), next);
    },
    onSuccess: (saved) => client.setQueryData(displayQueryKey(userId), saved),
  });
}
