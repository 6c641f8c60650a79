import { useEffect } from 'react';
import { useSession } from '../../auth/useSession';
import { applyDisplayPreferences, storedDisplayPreferences } from './apply';
import { useDisplayPreferences } from './useDisplay';

/** Applies this browser's last display preferences before the first render (called once, by the app's module). */
export function applyStoredDisplayPreferences(): void {
  applyDisplayPreferences(storedDisplayPreferences());
}

/**
 * Applies the signed-in user's display preferences, read from the server at sign-in on any device; signed out,
 * the page keeps the last ones this browser had (the sign-in page is shown with them).
 */
export function DisplaySync() {
  const session = useSession({ passive: true });
  const userId = session.data?.me?.user.id ?? null;
  const { data } = useDisplayPreferences(userId);
  useEffect(() => {
    if (data) applyDisplayPreferences(data);
  }, [data]);
  return null;
}
