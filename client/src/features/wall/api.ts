import type { SpaceSummary } from '../../../../shared/spaces/types';
import type { UploadedFile, WallExport } from '../../../../shared/wall/types';
import { ApiError, apiRequest, getCsrfToken, parseErrorBody } from '../../lib/api';
import { CSRF_HEADER } from '../../../../shared/identity/api';
import type { WallKey } from './i18n';

/** The walls the user can see. */
export async function fetchWalls(signal?: AbortSignal): Promise<SpaceSummary[]> {
  const spaces = await apiRequest<SpaceSummary[]>('/api/spaces', signal ? { signal } : {});
  return spaces.filter((space) => space.kind === 'wall');
}

export function createWall(body: { title: string; classId: string; settings: Record<string, unknown>; parentsMayComment: boolean }): Promise<SpaceSummary> {
  return apiRequest<SpaceSummary>('/api/spaces', {
    method: 'POST',
    body: { kind: 'wall', title: body.title, scope: { kind: 'class', classId: body.classId }, settings: body.settings, parentsMayComment: body.parentsMayComment },
  });
}

/** The printable version: every card the reader sees (the JSON export itself is the teachers'). */
export function fetchPrintable(spaceId: string, signal?: AbortSignal): Promise<WallExport> {
  return apiRequest<WallExport>(`/api/walls/${encodeURIComponent(spaceId)}/print`, signal ? { signal } : {});
}

/** Uploads one image or PDF (`source`: a drawing made on the card); says why in the user's words when it is refused. */
export async function uploadWallFile(spaceId: string, file: File, source?: 'drawing'): Promise<{ ok: true; file: UploadedFile } | { ok: false; reason: WallKey }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = getCsrfToken();
  let response: Response;
  try {
    response = await fetch(`/api/walls/${encodeURIComponent(spaceId)}/files${source ? `?source=${source}` : ''}`, { method: 'POST', body: form, credentials: 'same-origin', headers: token ? { [CSRF_HEADER]: token } : {} });
  } catch {
    return { ok: false, reason: 'errors.UNAVAILABLE' };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, file: body as UploadedFile };
  const { issues, code } = parseErrorBody(body);
  const reason = issues?.[0]?.message;
  if (reason === 'quota_exceeded') return { ok: false, reason: 'upload.quota' };
  if (reason === 'type_not_allowed') return { ok: false, reason: 'upload.type' };
  if (code === 'PAYLOAD_TOO_LARGE' || response.status === 413) return { ok: false, reason: 'upload.tooLarge' };
  if (code === 'FORBIDDEN') return { ok: false, reason: 'errors.FORBIDDEN' };
  return { ok: false, reason: 'upload.failed' };
}

export { ApiError };
