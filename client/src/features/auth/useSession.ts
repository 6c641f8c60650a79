import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { MeResponse } from '../../../../shared/identity/api';
import { hasSessionHint } from '../../lib/sessionHint';
import { fetchSession, sessionQueryKey, type SessionState } from './session';

/**
 * The current session (`GET /api/me`). Gated pages always ask; public pages (`passive`) only ask when this
 * browser was signed in, so that visitors do not get a 401 for nothing.
 */
export function useSession(options: { passive?: boolean } = {}) {
  const client = useQueryClient();
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => fetchSession(client.getQueryData<SessionState>(sessionQueryKey), signal),
    enabled: !options.passive || hasSessionHint(),
    staleTime: 60_000,
  });
}

/** The signed-in user, provided by the session gate to every page behind it. */
export const MeContext = createContext<MeResponse | null>(null);

export function useMe(): MeResponse {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside the session gate');
  return me;
}
