import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdministeredUserPage, CreatedAccount, IssuedSignInCode, PublicUser } from '../../../../shared/identity/api';
import type { Profile, UserStatus } from '../../../../shared/identity/profiles';
import type { CreateUserReq } from '../../../../shared/identity/schemas';
import { apiRequest } from '../../lib/api';

export interface UserListParams {
  q: string;
  profile: Profile | null;
  status: UserStatus | null;
  page: number;
}

export const USERS_PAGE_SIZE = 20;

/** Every admin answer lives under this key, so a change refreshes lists and rosters alike. */
export const adminQueryKey = ['admin'] as const;

function usersUrl({ q, profile, status, page }: UserListParams): string {
  const search = new URLSearchParams({ page: String(page), pageSize: String(USERS_PAGE_SIZE) });
  if (q.trim()) search.set('q', q.trim());
  if (profile) search.set('profile', profile);
  if (status) search.set('status', status);
  return `/api/admin/users?${search.toString()}`;
}

/**
 * `GET /api/admin/users`: one page of the school's accounts (director and admin only), each with what the reader
 * may do to it, and the profiles the reader may give or take back.
 */
export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: [...adminQueryKey, 'users', params],
    queryFn: ({ signal }) => apiRequest<AdministeredUserPage>(usersUrl(params), { signal }),
    placeholderData: keepPreviousData,
  });
}

function useAdminMutation<V, R>(key: string, request: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...adminQueryKey, key],
    mutationFn: request,
    onSuccess: () => client.invalidateQueries({ queryKey: adminQueryKey }),
  });
}

/** `POST /api/admin/users/:id/suspend`: the server also closes the account's sessions and live connections. */
export function useSuspendUser() {
  return useAdminMutation('suspend', ({ userId, reason }: { userId: string; reason: string }) =>
    apiRequest<PublicUser>(`/api/admin/users/${encodeURIComponent(userId)}/suspend`, { method: 'POST', body: { reason } }),
  );
}

export function useRestoreUser() {
  return useAdminMutation('restore', ({ userId }: { userId: string }) =>
    apiRequest<PublicUser>(`/api/admin/users/${encodeURIComponent(userId)}/restore`, { method: 'POST', body: {} }),
  );
}

export function useCreateUser() {
  return useAdminMutation('create', (body: CreateUserReq) => apiRequest<CreatedAccount>('/api/admin/users', { method: 'POST', body }));
}

export function useUpdateProfiles() {
  return useAdminMutation('profiles', ({ userId, profiles }: { userId: string; profiles: Profile[] }) =>
    apiRequest<PublicUser>(`/api/admin/users/${encodeURIComponent(userId)}/profiles`, { method: 'PUT', body: { profiles } }),
  );
}

/** `POST /api/admin/users/:id/sign-in-code`: a one-time sign-in code, shown once (it replaces any earlier one). */
export function useIssueSignInCode() {
  return useAdminMutation('signInCode', ({ userId }: { userId: string }) =>
    apiRequest<IssuedSignInCode>(`/api/admin/users/${encodeURIComponent(userId)}/sign-in-code`, { method: 'POST', body: {} }),
  );
}
