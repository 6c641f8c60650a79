import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';

/** What `GET /api/meta` answers. */
export interface ServerMeta {
  name: string;
  version: string;
  store: 'embedded' | 'mongodb';
}

export const serverMetaQueryKey = ['meta'] as const;

export function useServerMeta() {
  return useQuery({
    queryKey: serverMetaQueryKey,
    queryFn: ({ signal }) => apiRequest<ServerMeta>('/api/meta', { signal }),
  });
}
