import type { QueryClient } from '@tanstack/react-query';
import { sessionQueryKey } from '../features/auth/session';
import { onRightsChanged } from '../lib/socket';

/** The queries whose answers carry the user's rights: `/api/me` (capabilities) and the spaces (`rights`). */
export const RIGHTS_QUERY_KEYS = [sessionQueryKey, ['spaces'], ['space']] as const;

/** Reads again everything that carries the user's rights (the menus and pages follow). */
export function reloadRights(client: QueryClient): Promise<void> {
  return Promise.all(RIGHTS_QUERY_KEYS.map((queryKey) => client.invalidateQueries({ queryKey: [...queryKey] }))).then(() => undefined);
}

/**
 * THE listener of `rights:changed` in the app: when the server says the user's rights changed (a teacher designated
 * or revoked them as a pupil moderator, a mute…), `/api/me` and the spaces are read again, so that « Modération »
 * appears or goes from the menu and each space's controls follow, without reloading the page. Returns the
 * unsubscribe.
 */
export function followRights(client: QueryClient): () => void {
  return onRightsChanged(() => void reloadRights(client));
}
