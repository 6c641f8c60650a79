import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSpaceFromReq } from '../../../../shared/spaces/duplicate';
import type { CreateSpaceReq, SpaceView } from '../../../../shared/spaces/types';
import { apiRequest } from '../../lib/api';

/** The query keys of spaces: the list, and one space (each answer carries the viewer's rights in it). */
export const spaceKeys = {
  list: ['spaces'] as const,
  one: (spaceId: string) => ['space', spaceId] as const,
};

/** `GET /api/spaces`: the spaces this user may read, each with their rights in it. */
export function useSpaces(options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: spaceKeys.list,
    queryFn: ({ signal }) => apiRequest<SpaceView[]>('/api/spaces', { signal }),
  });
}

/** `POST /api/spaces` (teachers of the class, and the director). */
export function useCreateSpace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Pick<CreateSpaceReq, 'kind' | 'title' | 'scope'> & Partial<Pick<CreateSpaceFromReq, 'template' | 'withExamples' | 'fromSpaceId'>>) =>
      apiRequest<SpaceView>('/api/spaces', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: spaceKeys.list }),
  });
}
