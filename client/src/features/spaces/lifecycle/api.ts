import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColleagueView } from '../../../../../shared/spaces/lifecycle';
import type { SpaceView } from '../../../../../shared/spaces/types';
import { apiRequest } from '../../../lib/api';
import { spaceKeys } from '../useSpaces';

/**
 * The query keys of the bin and of a space's colleagues (not under the space's own key: a space put in the bin is
 * never read again with it).
 */
export const lifecycleKeys = {
  bin: ['spaces', 'bin'] as const,
  colleagues: (spaceId: string) => ['spaceColleagues', spaceId] as const,
};

const spacePath = (spaceId: string) => `/api/spaces/${encodeURIComponent(spaceId)}`;

/** What changed with a space's life: the lists and the space are read again (its rights in them too). */
function useRefresh() {
  const client = useQueryClient();
  return (spaceId: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: spaceKeys.list }),
      client.invalidateQueries({ queryKey: spaceKeys.one(spaceId) }),
      client.invalidateQueries({ queryKey: lifecycleKeys.bin }),
      client.invalidateQueries({ queryKey: lifecycleKeys.colleagues(spaceId) }),
    ]);
}

/** `POST /api/spaces/:id/archive`: archives or unarchives (those who configure the space). */
export function useArchiveSpace(spaceId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (archived: boolean) => apiRequest<SpaceView>(`${spacePath(spaceId)}/archive`, { method: 'POST', body: { archived } }),
    onSuccess: () => refresh(spaceId),
  });
}

/** `DELETE /api/spaces/:id`: to the bin (the space itself is forgotten here: reading it again would be a 404). */
export function useDeleteSpace(spaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<SpaceView>(spacePath(spaceId), { method: 'DELETE' }),
    onSuccess: () => {
      client.removeQueries({ queryKey: spaceKeys.one(spaceId) });
      client.removeQueries({ queryKey: lifecycleKeys.colleagues(spaceId) });
      void client.invalidateQueries({ queryKey: spaceKeys.list });
      void client.invalidateQueries({ queryKey: lifecycleKeys.bin });
    },
  });
}

/** `GET /api/spaces/bin`: the deleted spaces this user may configure. */
export function useBin() {
  return useQuery({ queryKey: lifecycleKeys.bin, queryFn: ({ signal }) => apiRequest<SpaceView[]>('/api/spaces/bin', { signal }) });
}

/** `POST /api/spaces/:id/restore`: back from the bin. */
export function useRestoreSpace() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (spaceId: string) => apiRequest<SpaceView>(`${spacePath(spaceId)}/restore`, { method: 'POST' }),
    onSuccess: (_space, spaceId) => refresh(spaceId),
  });
}

/** `GET /api/spaces/:id/colleagues`: the teachers of the school who may co-own the space. */
export function useColleagues(spaceId: string) {
  return useQuery({ queryKey: lifecycleKeys.colleagues(spaceId), queryFn: ({ signal }) => apiRequest<ColleagueView[]>(`${spacePath(spaceId)}/colleagues`, { signal }) });
}

/** Adds (`POST`) or removes (`DELETE`) a co-owner. */
export function useCoOwner(spaceId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ userId, add }: { userId: string; add: boolean }) =>
      add
        ? apiRequest<SpaceView>(`${spacePath(spaceId)}/co-owners`, { method: 'POST', body: { userId } })
        : apiRequest<SpaceView>(`${spacePath(spaceId)}/co-owners/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSuccess: () => refresh(spaceId),
  });
}
