import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';

export interface SignInRequest {
  login: string;
  password: string;
}

/** `POST /api/auth/login`; the answer's shape will be defined with the accounts issue. */
export function useSignIn() {
  return useMutation({
    mutationKey: ['auth', 'login'],
    mutationFn: (credentials: SignInRequest) =>
      apiRequest<unknown>('/api/auth/login', { method: 'POST', body: credentials }),
  });
}
