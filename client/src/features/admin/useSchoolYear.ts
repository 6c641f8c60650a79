import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { YearSwitchPlan, YearSwitchReq, YearSwitchState } from '../../../../shared/schoolyear/types';
import { apiRequest } from '../../lib/api';
import { adminQueryKey } from './useUsers';

/** The address of the « Nouvelle année scolaire » page (French, like every address). */
export const schoolYearPath = '/admin/annee-scolaire';

/** `GET /api/admin/school-year`: the year in progress, its classes and the school's teachers. */
export function useSchoolYearState() {
  return useQuery({
    queryKey: [...adminQueryKey, 'schoolYear'],
    queryFn: ({ signal }) => apiRequest<YearSwitchState>('/api/admin/school-year', { signal }),
  });
}

/** `POST /api/admin/school-year/preview`: what the switch would do, changing nothing. */
export function usePreviewSchoolYear() {
  return useMutation({
    mutationKey: [...adminQueryKey, 'schoolYearPreview'],
    mutationFn: (body: YearSwitchReq) => apiRequest<YearSwitchPlan>('/api/admin/school-year/preview', { method: 'POST', body }),
  });
}

/** `POST /api/admin/school-year`: opens the year the director previewed (409 when the school changed since). */
export function useOpenSchoolYear() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...adminQueryKey, 'schoolYearOpen'],
    mutationFn: (body: { plan: YearSwitchReq; fingerprint: string }) => apiRequest<YearSwitchPlan>('/api/admin/school-year', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminQueryKey }),
  });
}
