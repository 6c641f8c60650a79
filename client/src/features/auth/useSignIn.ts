import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '../../../../shared/identity/api';
import type { SignInReq } from '../../../../shared/identity/schemas';
import { apiRequest } from '../../lib/api';
import { clearRateLimited } from '../../lib/rateLimit';
import { startSession } from './session';

/** `POST /api/auth/login`: answers like `GET /api/me` and sets the session cookie. */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['auth', 'login'],
    // A refused sign-in (wrong password, suspended account) is shown in the form, not handled as a lost session.
    meta: { sessionErrors: false },
    mutationFn: (credentials: SignInReq) => apiRequest<MeResponse>('/api/auth/login', { method: 'POST', body: credentials }),
    onSuccess: (me) => {
      // The refusals of earlier attempts (429) must not follow the user into the app.
      clearRateLimited();
      startSession(client, me);
    },
  });
}
