import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Charter, CharterState } from '../../../../shared/identity/api';
import type { Profile } from '../../../../shared/identity/profiles';
import { apiRequest } from '../../lib/api';
import { sessionQueryKey } from '../auth/session';

export interface CharterAnswer {
  charters: Charter[];
  state: CharterState;
}

export const chartersQueryKey = ['charter'] as const;

/** `GET /api/charter`: the current charter of each of the user's profiles, and what is left to accept. */
export function useCharters() {
  return useQuery({
    queryKey: chartersQueryKey,
    queryFn: ({ signal }) => apiRequest<CharterAnswer>('/api/charter', { signal }),
  });
}

/**
 * Accepts every pending charter, one after the other, then refreshes the session (the gate opens) and calls
 * `onAccepted`. It is a hook-level callback: it runs even though the form disappears once nothing is pending.
 */
export function useAcceptCharters(onAccepted: () => void) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([client.invalidateQueries({ queryKey: chartersQueryKey }), client.invalidateQueries({ queryKey: sessionQueryKey })]);
  return useMutation({
    mutationKey: ['charter', 'accept'],
    mutationFn: async (pending: { profile: Profile; version: number }[]) => {
      for (const item of pending) await apiRequest('/api/charter/accept', { method: 'POST', body: item });
    },
    onSuccess: async () => {
      await refresh();
      onAccepted();
    },
    onError: () => refresh(),
  });
}
