import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEntry, ChainVerification } from '../../../../shared/audit/events';
import type { ClassMembers, Page, PublicUser } from '../../../../shared/identity/api';
import type { Profile } from '../../../../shared/identity/profiles';
import { apiRequest } from '../../lib/api';

/** Every answer of this feature lives under this key. */
const auditKey = ['audit'] as const;
/**
 * Each read of the log is itself logged, so it is only read when someone looks: on opening the page, on a
 * filter or page change, or on « Actualiser ». Never in the background (focus, reconnection).
 */
const READ_ON_LOOK = { staleTime: 0, refetchOnWindowFocus: false, refetchOnReconnect: false } as const;

/** `GET /api/audit`: one page of the log (a teacher must name one of their classes). */
export function useAuditLog(query: URLSearchParams, enabled: boolean) {
  const search = query.toString();
  return useQuery({
    queryKey: [...auditKey, 'log', search],
    queryFn: ({ signal }) => apiRequest<Page<AuditEntry>>(`/api/audit?${search}`, { signal }),
    placeholderData: keepPreviousData,
    enabled,
    ...READ_ON_LOOK,
  });
}

/** `GET /api/audit/readers` (the director): who read the log, the evidence or a pupil's activity. */
export function useAuditReaders(page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: [...auditKey, 'readers', page, pageSize],
    queryFn: ({ signal }) => apiRequest<Page<AuditEntry>>(`/api/audit/readers?page=${page}&pageSize=${pageSize}`, { signal }),
    placeholderData: keepPreviousData,
    enabled,
    ...READ_ON_LOOK,
  });
}

/** `GET /api/audit/verify` (the director): re-computes the hash chain. A GET, but only run on demand. */
export function useVerifyChain() {
  return useMutation({
    mutationKey: [...auditKey, 'verify'],
    mutationFn: () => apiRequest<ChainVerification>('/api/audit/verify'),
  });
}

export interface ActivityPage extends Page<AuditEntry> {
  user: { id: string; displayName: string; profiles: Profile[] } | null;
}

/** `GET /api/users/:id/activity`: everything one user did, across spaces (their teachers and the director). */
export function useActivity(userId: string, query: URLSearchParams) {
  const search = query.toString();
  return useQuery({
    queryKey: [...auditKey, 'activity', userId, search],
    queryFn: ({ signal }) => apiRequest<ActivityPage>(`/api/users/${encodeURIComponent(userId)}/activity?${search}`, { signal }),
    placeholderData: keepPreviousData,
    enabled: userId !== '',
    ...READ_ON_LOOK,
  });
}

/** `GET /api/admin/classes/:id/members`: a class's teachers and pupils (its teachers and the direction). */
export function useClassPeople(classId: string | null) {
  return useQuery({
    queryKey: [...auditKey, 'members', classId],
    queryFn: ({ signal }) => apiRequest<ClassMembers>(`/api/admin/classes/${encodeURIComponent(classId ?? '')}/members`, { signal }),
    enabled: classId !== null,
    staleTime: 5 * 60_000,
  });
}

const DIRECTORY_PAGE = 100;
/** A safety stop for huge schools: past this, names the list did not reach show as their id. */
const DIRECTORY_MAX_PAGES = 50;

/** `GET /api/admin/users`, every page (the direction): the names behind the log's user ids. */
export function useSchoolDirectory(enabled: boolean) {
  return useQuery({
    queryKey: [...auditKey, 'directory'],
    async queryFn({ signal }) {
      const users: PublicUser[] = [];
      for (let page = 1; page <= DIRECTORY_MAX_PAGES; page += 1) {
        const answer = await apiRequest<Page<PublicUser>>(`/api/admin/users?page=${page}&pageSize=${DIRECTORY_PAGE}`, { signal });
        users.push(...answer.items);
        if (users.length >= answer.total || answer.items.length === 0) break;
      }
      return users;
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}
