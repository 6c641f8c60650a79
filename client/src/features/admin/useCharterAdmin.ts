import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Charter } from '../../../../shared/identity/api';
import type { Profile } from '../../../../shared/identity/profiles';
import { apiRequest } from '../../lib/api';
import { chartersQueryKey } from '../charter/useCharters';
import { sessionQueryKey } from '../auth/session';
import { adminQueryKey } from './useUsers';

/** `GET /api/admin/charters/:profile`: every version of one profile's charter (the director only). */
export function useCharterHistory(profile: Profile) {
  return useQuery({
    queryKey: [...adminQueryKey, 'charters', profile],
    queryFn: ({ signal }) => apiRequest<Charter[]>(`/api/admin/charters/${profile}`, { signal }),
  });
}

/**
 * Publishes a new version: everyone with that profile must accept it again (the director too, if concerned).
 * `onPublished` is a hook-level callback: the editor is remounted on the new version before it would run.
 */
export function usePublishCharter(onPublished: (charter: Charter) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...adminQueryKey, 'publishCharter'],
    mutationFn: (body: { profile: Profile; title: string; body: string }) => apiRequest<Charter>('/api/admin/charters', { method: 'POST', body }),
    onSuccess: async (charter) => {
      onPublished(charter);
      await Promise.all([
        client.invalidateQueries({ queryKey: adminQueryKey }),
        client.invalidateQueries({ queryKey: chartersQueryKey }),
        client.invalidateQueries({ queryKey: sessionQueryKey }),
      ]);
    },
  });
}
