import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedAccount } from '../../../../shared/identity/api';
import type { IssuedClassCards, IssuedSignInCard, PasswordChangeSetting } from '../../../../shared/identity/sign-in-card';
import { apiRequest } from '../../lib/api';
import { adminQueryKey } from './useUsers';

function useAdminMutation<V, R>(key: string, request: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationKey: [...adminQueryKey, key], mutationFn: request, onSuccess: () => client.invalidateQueries({ queryKey: adminQueryKey }) });
}

/** `POST /api/admin/classes/:id/sign-in-cards`: a new card per pupil (the class's earlier cards stop working). */
export const useIssueClassCards = () =>
  useAdminMutation('classCards', ({ classId }: { classId: string }) =>
    apiRequest<IssuedClassCards>(`/api/admin/classes/${encodeURIComponent(classId)}/sign-in-cards`, { method: 'POST', body: {} }),
  );

/** `POST /api/admin/users/:id/sign-in-card`: one pupil's new card (the old card and the pupil's sessions end). */
export const useIssuePupilCard = () =>
  useAdminMutation('pupilCard', ({ userId }: { userId: string }) =>
    apiRequest<IssuedSignInCard>(`/api/admin/users/${encodeURIComponent(userId)}/sign-in-card`, { method: 'POST', body: {} }),
  );

/** `POST /api/admin/users/:id/reset-password`: a new provisional password (the pupil's sessions end). */
export const useResetPassword = () =>
  useAdminMutation('resetPassword', ({ userId }: { userId: string }) =>
    apiRequest<CreatedAccount>(`/api/admin/users/${encodeURIComponent(userId)}/reset-password`, { method: 'POST', body: {} }),
  );

const passwordChangeKey = [...adminQueryKey, 'passwordChange'] as const;

/** `GET /api/admin/school/password-change`: the levels whose pupils keep their given password (the director). */
export function usePasswordChangeSetting(enabled: boolean) {
  return useQuery({
    queryKey: passwordChangeKey,
    queryFn: ({ signal }) => apiRequest<PasswordChangeSetting>('/api/admin/school/password-change', { signal }),
    enabled,
  });
}

export const useSetPasswordChangeSetting = () =>
  useAdminMutation('setPasswordChange', (body: PasswordChangeSetting) =>
    apiRequest<PasswordChangeSetting>('/api/admin/school/password-change', { method: 'PUT', body }),
  );
