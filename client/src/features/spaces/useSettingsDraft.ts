import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, type Dispatch, type SetStateAction } from 'react';
import type { SpaceSummary, SpaceView } from '../../../../shared/spaces/types';
import { ApiError, apiRequest } from '../../lib/api';
import { spaceKeys } from './useSpaces';

/**
 * Where a save stands. `reloaded`: someone else changed the space since the form was loaded; nothing was saved,
 * the form now shows the current settings (say so with `SettingsReloadedNotice`).
 */
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed' | 'reloaded';

/** What the form was loaded from: the version a save names, so that a stale save is refused, never merged. */
interface Loaded {
  version: number;
}

/** A save's outcome, with the space as it is now (saved, or read again after a conflict). */
export type SaveOutcome = { status: 'saved' | 'reloaded'; space: SpaceSummary } | { status: 'failed' };

/**
 * `PATCH /api/spaces/:id` with the version the change was made from. When someone changed the space meanwhile
 * (CONFLICT), the space is read again and nothing is saved: `reloaded`, with the current space.
 */
export async function saveSpaceSettings(spaceId: string, change: { settings: object; parentsMayComment: boolean }, version: number): Promise<SaveOutcome> {
  const path = `/api/spaces/${encodeURIComponent(spaceId)}`;
  try {
    return { status: 'saved', space: await apiRequest<SpaceSummary>(path, { method: 'PATCH', body: { ...change, version } }) };
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'CONFLICT')) return { status: 'failed' };
  }
  try {
    return { status: 'reloaded', space: await apiRequest<SpaceSummary>(path) };
  } catch {
    return { status: 'failed' };
  }
}

/**
 * The draft of a space's settings form (a chat room's, a forum's): its kind settings and whether parents may
 * comment, saved together with `PATCH /api/spaces/:id` with the version the form was loaded from (then applied
 * live for everyone in the space). When another teacher saved meanwhile, the server answers CONFLICT: the space
 * is read again, the form shows its current settings, and `status` says `reloaded`. A newer version arriving
 * live while the form is untouched is followed at once.
 */
export function useSettingsDraft<S extends object>(space: SpaceSummary | SpaceView, parse: (settings: Record<string, unknown>) => S) {
  const client = useQueryClient();
  const [loaded, setLoaded] = useState<Loaded>({ version: space.version });
  const [draft, setDraftState] = useState<S>(() => parse(space.settings));
  const [parentsMayComment, setParentsMayCommentState] = useState(space.parentsMayComment);
  const [touched, setTouched] = useState(false);
  const [status, setStatus] = useState<SaveStatus>('idle');

  const load = (from: SpaceSummary) => {
    setLoaded({ version: from.version });
    setDraftState(parse(from.settings));
    setParentsMayCommentState(from.parentsMayComment);
    setTouched(false);
  };
  // A newer space came (live, or a refetch) while nobody touched the form: show it (adjusting state during render).
  if (space.version > loaded.version && !touched) load(space);

  const setDraft = useCallback<Dispatch<SetStateAction<S>>>((value) => {
    setTouched(true);
    setDraftState(value);
  }, []);
  const setParentsMayComment = useCallback((value: boolean) => {
    setTouched(true);
    setParentsMayCommentState(value);
  }, []);

  const refreshQueries = () => Promise.all([client.invalidateQueries({ queryKey: spaceKeys.one(space.id) }), client.invalidateQueries({ queryKey: spaceKeys.list })]);
  const save = async () => {
    setStatus('saving');
    const outcome = await saveSpaceSettings(space.id, { settings: draft, parentsMayComment }, loaded.version);
    // Saved, or changed meanwhile: the form shows the space as it is now (then the teacher decides again).
    if (outcome.status !== 'failed') {
      load(outcome.space);
      void refreshQueries();
    }
    setStatus(outcome.status);
  };
  return { draft, setDraft, parentsMayComment, setParentsMayComment, status, save };
}
