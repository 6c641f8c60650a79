import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionSummary } from '../../../../shared/identity/api';
import { apiRequest } from '../../lib/api';

const sessionsQueryKey = ['me', 'sessions'] as const;

/** `GET /api/me/sessions`: where this account is signed in. */
export function useMySessions() {
  return useQuery({
    queryKey: sessionsQueryKey,
    queryFn: ({ signal }) => apiRequest<SessionSummary[]>('/api/me/sessions', { signal }),
    staleTime: 0,
  });
}

/** `DELETE /api/me/sessions/:id`: signs one other device out. */
export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['me', 'sessions', 'revoke'],
    mutationFn: (id: string) => apiRequest<{ ok: true }>(`/api/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}

/** `POST /api/me/compromise`: warns the school; every other session of the account is closed. */
export function useReportCompromise() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['me', 'compromise'],
    mutationFn: (details: string) => apiRequest<{ ok: true; closed: number }>('/api/me/compromise', { method: 'POST', body: { details } }),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}

/** Refreshes the device list after something that closes sessions (a password change). */
export function useRefreshSessions() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: sessionsQueryKey });
}
