import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '../../../../shared/identity/api';
import type { SignInCodeReq, SignInReq } from '../../../../shared/identity/schemas';
import type { SignInCardReq } from '../../../../shared/identity/sign-in-card';
import { apiRequest } from '../../lib/api';
import { clearRateLimited } from '../../lib/rateLimit';
import { startSession } from './session';

/** A sign-in endpoint under `/api/auth/`: all answer like `GET /api/me` and set the session cookie. */
function useSignInAt<Input>(endpoint: 'login' | 'login-code' | 'login-card') {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['auth', endpoint],
    // A refused sign-in (wrong password or code, suspended account) is shown in the form, not handled as a lost session.
    meta: { sessionErrors: false },
    mutationFn: (input: Input) => apiRequest<MeResponse>(`/api/auth/${endpoint}`, { method: 'POST', body: input }),
    onSuccess: (me) => {
      // The refusals of earlier attempts (429) must not follow the user into the app.
      clearRateLimited();
      startSession(client, me);
    },
  });
}

/** `POST /api/auth/login`: an identifier and a password. */
export const useSignIn = () => useSignInAt<SignInReq>('login');

/** `POST /api/auth/login-code`: an identifier and a one-time code. */
export const useSignInWithCode = () => useSignInAt<SignInCodeReq>('login-code');

/** `POST /api/auth/login-card`: the token of a class sign-in card's link. */
export const useSignInWithCard = () => useSignInAt<SignInCardReq>('login-card');
