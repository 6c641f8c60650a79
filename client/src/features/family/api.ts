import { infiniteQueryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ChildWeekFeed, ClassWeekFeed, FamilyResponse } from '../../../../shared/family/types';
import { apiRequest } from '../../lib/api';

const familyKey = ['family'] as const;

/** `GET /api/family`: the signed-in parent's children. */
export function useFamily() {
  return useQuery({ queryKey: [...familyKey, 'children'], queryFn: ({ signal }) => apiRequest<FamilyResponse>('/api/family', { signal }) });
}

const withBefore = (path: string, before: number | undefined) => (before ? `${path}?before=${before}` : path);

/** One week per page, the current week first, earlier weeks as one scrolls (`nextBefore`). */
function weekPages<T extends { nextBefore: number | null }>(key: readonly unknown[], path: string) {
  return infiniteQueryOptions({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => apiRequest<T>(withBefore(path, pageParam), { signal }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last: T) => last.nextBefore ?? undefined,
  });
}

/** `GET /api/family/children/:childId/feed`: a child's weeks. */
export function useChildWeeks(childId: string) {
  return useInfiniteQuery({
    ...weekPages<ChildWeekFeed>([...familyKey, 'child', childId], `/api/family/children/${encodeURIComponent(childId)}/feed`),
    enabled: childId !== '',
  });
}

/** `GET /api/classes/:classId/feed`: a class's weeks, with each pupil's count (its teachers and the director). */
export function useClassWeeks(classId: string) {
  return useInfiniteQuery({
    ...weekPages<ClassWeekFeed>([...familyKey, 'class', classId], `/api/classes/${encodeURIComponent(classId)}/feed`),
    enabled: classId !== '',
  });
}
