import type { DuplicateSpaceReq, DuplicateSpaceResult } from '../../../../shared/spaces/duplicate';
import type { SpaceSummary } from '../../../../shared/spaces/types';
import { apiRequest } from '../../lib/api';

/** Creates a wall of a class from a template or from one of the teacher's walls (`start`: the extra fields). */
export function createWallFrom(body: { title: string; classId: string; start: Record<string, unknown> }): Promise<SpaceSummary> {
  return apiRequest<SpaceSummary>('/api/spaces', { method: 'POST', body: { kind: 'wall', title: body.title, scope: { kind: 'class', classId: body.classId }, ...body.start } });
}

/** Duplicates a space (the server asks `configure` on it and `create` in the target class). */
export function duplicateSpace(spaceId: string, body: Partial<DuplicateSpaceReq>): Promise<DuplicateSpaceResult> {
  return apiRequest<DuplicateSpaceResult>(`/api/spaces/${encodeURIComponent(spaceId)}/duplicate`, { method: 'POST', body });
}
