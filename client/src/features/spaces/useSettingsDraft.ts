import { useState } from 'react';
import type { SpaceSummary } from '../../../../shared/spaces/types';
import { apiRequest } from '../../lib/api';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * The draft of a space's settings form (a chat room's, a forum's): its kind settings and whether parents may
 * comment, saved together with `PATCH /api/spaces/:id` (then applied live for everyone in the space).
 */
export function useSettingsDraft<S extends object>(space: SpaceSummary, parse: (settings: Record<string, unknown>) => S) {
  const [draft, setDraft] = useState<S>(() => parse(space.settings));
  const [parentsMayComment, setParentsMayComment] = useState(space.parentsMayComment);
  const [status, setStatus] = useState<SaveStatus>('idle');
  const save = async () => {
    setStatus('saving');
    try {
      await apiRequest<SpaceSummary>(`/api/spaces/${encodeURIComponent(space.id)}`, { method: 'PATCH', body: { settings: draft, parentsMayComment } });
      setStatus('saved');
    } catch {
      setStatus('failed');
    }
  };
  return { draft, setDraft, parentsMayComment, setParentsMayComment, status, save };
}
