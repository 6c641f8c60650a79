import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClassMembers, ClassSummary, ImportedAccount } from '../../../../shared/identity/api';
import { apiRequest } from '../../lib/api';
import { adminQueryKey } from './useUsers';

/** `GET /api/admin/classes` (director and admin). */
export function useClassList(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...adminQueryKey, 'classes'],
    queryFn: ({ signal }) => apiRequest<ClassSummary[]>('/api/admin/classes', { signal }),
    enabled: options.enabled ?? true,
  });
}

/** `GET /api/admin/classes/:id/members`: the class's teachers may read it too. */
export function useClassMembers(classId: string) {
  return useQuery({
    queryKey: [...adminQueryKey, 'classes', classId, 'members'],
    queryFn: ({ signal }) => apiRequest<ClassMembers>(`/api/admin/classes/${encodeURIComponent(classId)}/members`, { signal }),
  });
}

export function useCreateClass() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...adminQueryKey, 'createClass'],
    mutationFn: (body: { name: string; level: string; schoolYear: string }) =>
      apiRequest<ClassSummary>('/api/admin/classes', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminQueryKey }),
  });
}

/** `POST /api/admin/import`: a class list CSV in, the created accounts (with their passwords) out. */
export function useImportClassList() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...adminQueryKey, 'import'],
    mutationFn: (body: { classId: string; csv: string }) =>
      apiRequest<{ accounts: ImportedAccount[] }>('/api/admin/import', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminQueryKey }),
  });
}
