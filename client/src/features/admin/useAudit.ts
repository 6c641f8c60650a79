import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEntry, AuditEventName, ChainVerification } from '../../../../shared/audit/events';
import type { Page } from '../../../../shared/identity/api';
import { apiRequest } from '../../lib/api';

export const AUDIT_PAGE_SIZE = 50;

/** `GET /api/audit`: one page of the school's log (the director; each read is itself logged). */
export function useAuditLog(page: number, event: AuditEventName | null) {
  const search = new URLSearchParams({ page: String(page), pageSize: String(AUDIT_PAGE_SIZE) });
  if (event) search.set('event', event);
  return useQuery({
    queryKey: ['audit', page, event],
    queryFn: ({ signal }) => apiRequest<Page<AuditEntry>>(`/api/audit?${search.toString()}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** `GET /api/audit/verify`: re-computes the hash chain. A GET, but run on demand. */
export function useVerifyAudit() {
  return useMutation({
    mutationKey: ['audit', 'verify'],
    mutationFn: () => apiRequest<ChainVerification>('/api/audit/verify'),
  });
}
