import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { handleSessionError, sessionQueryKey, type SessionState } from '../features/auth/session';
import { setVoiceSource } from '../i18n/voice';
import { ApiError } from '../lib/api';

/** Client errors (4xx) will not fix themselves: retry only network and server errors, once. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

declare module '@tanstack/react-query' {
  interface Register {
    /** `sessionErrors: false`: this call's 401 / SUSPENDED is its own business (the sign-in form). */
    mutationMeta: { sessionErrors?: boolean };
  }
}

export const queryClient: QueryClient = new QueryClient({
  // A 401, a suspension or a gate refusal on any call updates the session, and the router follows.
  queryCache: new QueryCache({ onError: (error) => handleSessionError(queryClient, error) }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (mutation.meta?.sessionErrors !== false) handleSessionError(queryClient, error);
    },
  }),
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

// « tu » or « vous »: every translation reads the signed-in user's profiles from the session, whenever it is asked.
setVoiceSource(() => queryClient.getQueryData<SessionState>(sessionQueryKey)?.me?.profiles);
