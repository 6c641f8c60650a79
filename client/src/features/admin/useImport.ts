import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportApplied, ImportPreview } from '../../../../shared/identity/import-preview';
import { apiRequest } from '../../lib/api';
import { adminQueryKey } from './useUsers';

export interface ImportInput {
  classId: string;
  csv: string;
}

/** `POST /api/admin/import/preview`: what the import would create, update, move and leave out; nothing is saved. */
export function usePreviewImport() {
  return useMutation({
    mutationKey: [...adminQueryKey, 'import', 'preview'],
    mutationFn: (body: ImportInput) => apiRequest<ImportPreview>('/api/admin/import/preview', { method: 'POST', body }),
  });
}

/** `POST /api/admin/import/apply`: applies the previewed plan (409 when the directory changed since). */
export function useApplyImport() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...adminQueryKey, 'import', 'apply'],
    mutationFn: (body: ImportInput & { token: string }) => apiRequest<ImportApplied>('/api/admin/import/apply', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminQueryKey }),
  });
}
