import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MuteReq, PadAuthorship, PadInfo, PadVersionPreview, PadVersionSummary, RedactResult, RestoreResult } from '../../../../shared/pad/types';
import type { SpaceSummary, UpdateSpaceReq } from '../../../../shared/spaces/types';
import { ApiError, apiRequest } from '../../lib/api';

const base = (spaceId: string) => `/api/pads/${encodeURIComponent(spaceId)}`;

/** Query keys of one pad, so a live `pad:changed` refetches exactly what changed. */
export const padKeys = {
  info: (spaceId: string) => ['pad', spaceId, 'info'] as const,
  versions: (spaceId: string) => ['pad', spaceId, 'versions'] as const,
  version: (spaceId: string, versionId: string) => ['pad', spaceId, 'version', versionId] as const,
  authors: (spaceId: string) => ['pad', spaceId, 'authors'] as const,
};

/** Someone changed the pad's space since the page read it (PATCH names the version it was made from). */
export const isConflict = (error: unknown): boolean => error instanceof ApiError && error.code === 'CONFLICT';

/** The pads the user can read (for the list page). */
export function usePads() {
  return useQuery({
    queryKey: ['spaces'],
    queryFn: ({ signal }) => apiRequest<SpaceSummary[]>('/api/spaces', { signal }),
    select: (spaces) => spaces.filter((space) => space.kind === 'pad'),
  });
}

export function usePadInfo(spaceId: string) {
  return useQuery({ queryKey: padKeys.info(spaceId), queryFn: ({ signal }) => apiRequest<PadInfo>(base(spaceId), { signal }) });
}

export function usePadVersions(spaceId: string, enabled: boolean) {
  return useQuery({ queryKey: padKeys.versions(spaceId), enabled, queryFn: ({ signal }) => apiRequest<PadVersionSummary[]>(`${base(spaceId)}/versions`, { signal }) });
}

export function usePadVersion(spaceId: string, versionId: string | null) {
  return useQuery({
    queryKey: padKeys.version(spaceId, versionId ?? ''),
    enabled: versionId !== null,
    queryFn: ({ signal }) => apiRequest<PadVersionPreview>(`${base(spaceId)}/versions/${encodeURIComponent(versionId ?? '')}`, { signal }),
  });
}

/** Server-side attribution, refreshed while "afficher les auteurs" is on. */
export function usePadAuthors(spaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: padKeys.authors(spaceId),
    enabled,
    staleTime: 0,
    refetchInterval: enabled ? 3_000 : false,
    queryFn: ({ signal }) => apiRequest<PadAuthorship>(`${base(spaceId)}/authors`, { signal }),
  });
}

/**
 * Moderation and versions: each refreshes what it changed. Space changes (lock, settings) send the version the
 * page was loaded from; on CONFLICT the pad is read again (the caller tells the teacher).
 */
export function usePadActions(spaceId: string) {
  const client = useQueryClient();
  const refresh = (what: 'info' | 'versions') => client.invalidateQueries({ queryKey: padKeys[what](spaceId) });
  const reloadOnConflict = (error: unknown) => (isConflict(error) ? refresh('info') : undefined);
  return {
    createVersion: useMutation({
      mutationFn: (name: string) => apiRequest<PadVersionSummary>(`${base(spaceId)}/versions`, { method: 'POST', body: { name } }),
      onSuccess: () => refresh('versions'),
    }),
    restore: useMutation({
      mutationFn: (versionId: string) => apiRequest<RestoreResult>(`${base(spaceId)}/versions/${encodeURIComponent(versionId)}/restore`, { method: 'POST' }),
      onSuccess: () => refresh('versions'),
    }),
    mute: useMutation({
      mutationFn: (input: MuteReq) => apiRequest<{ userId: string; until: number }>(`${base(spaceId)}/mutes`, { method: 'POST', body: input }),
      onSuccess: () => refresh('info'),
    }),
    unmute: useMutation({
      mutationFn: (userId: string) => apiRequest<{ userId: string }>(`${base(spaceId)}/mutes/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
      onSuccess: () => refresh('info'),
    }),
    redact: useMutation({
      mutationFn: (passages: string[]) => apiRequest<RedactResult>(`${base(spaceId)}/redactions`, { method: 'POST', body: { passages } }),
      onSuccess: () => refresh('versions'),
    }),
    setLocked: useMutation({
      mutationFn: (body: Pick<UpdateSpaceReq, 'locked' | 'version'>) => apiRequest<SpaceSummary>(`/api/spaces/${encodeURIComponent(spaceId)}`, { method: 'PATCH', body }),
      onSuccess: () => refresh('info'),
      onError: reloadOnConflict,
    }),
    /** Who writes, and the pad's own settings (the space's settings route; live for everyone). */
    configure: useMutation({
      mutationFn: (body: Pick<UpdateSpaceReq, 'writers' | 'writerIds' | 'settings' | 'version'>) =>
        apiRequest<SpaceSummary>(`/api/spaces/${encodeURIComponent(spaceId)}`, { method: 'PATCH', body }),
      onSuccess: () => refresh('info'),
      onError: reloadOnConflict,
    }),
  };
}
