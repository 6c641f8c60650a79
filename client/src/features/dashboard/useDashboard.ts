import { useQuery } from '@tanstack/react-query';
import type { DashboardResponse } from '../../../../shared/identity/api';
import { apiRequest } from '../../lib/api';

/** `GET /api/dashboard`: the classes and groups of the user, and of each child for a parent. */
export function useDashboard() {
  return useQuery({
    queryKey: ['dashboard'],
    queryFn: ({ signal }) => apiRequest<DashboardResponse>('/api/dashboard', { signal }),
  });
}
