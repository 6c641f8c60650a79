import { useEffect } from 'react';
import { useSession } from '../../auth/useSession';
import { applyDisplayPreferences } from './apply';
import { useDisplayPreferences } from './useDisplay';

/**
 * Applies the signed-in user's display preferences, read from the server at sign-in on any device; signed out,
 * the page keeps the last ones this browser had (the sign-in page is shown with them). A chunk of its own, fetched
 * after the first render (`App.tsx`): the first pages carry only `applyStoredDisplayPreferences`.
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
