import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSpaceReq, SpaceSummary } from '../../../../shared/spaces/types';
import { apiRequest } from '../../lib/api';

/** `GET /api/spaces`: the spaces this user may read. */
export function useSpaces(options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: ['spaces'],
    queryFn: ({ signal }) => apiRequest<SpaceSummary[]>('/api/spaces', { signal }),
  });
}

/** `POST /api/spaces` (teachers of the class, and the director). */
export function useCreateSpace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Pick<CreateSpaceReq, 'kind' | 'title' | 'scope'>) =>
      apiRequest<SpaceSummary>('/api/spaces', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['spaces'] }),
  });
}
