import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '../../../../shared/identity/api';
import type { SignInCodeReq } from '../../../../shared/identity/schemas';
import { apiRequest } from '../../lib/api';
import { clearRateLimited } from '../../lib/rateLimit';
import { startSession } from './session';

/** `POST /api/auth/login-code`: an identifier and a one-time code; answers like `GET /api/me`. */
export function useSignInWithCode() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['auth', 'login-code'],
    meta: { sessionErrors: false },
    mutationFn: (input: SignInCodeReq) => apiRequest<MeResponse>('/api/auth/login-code', { method: 'POST', body: input }),
    onSuccess: (me) => {
      // A refusal shown before this sign-in is over for this person.
      clearRateLimited();
      startSession(client, me);
    },
  });
}
