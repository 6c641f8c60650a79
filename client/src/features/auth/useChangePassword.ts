import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordReq } from '../../../../shared/identity/schemas';
import { apiRequest } from '../../lib/api';

/** `POST /api/me/password`; the server also closes the user's other sessions. */
export function useChangePassword() {
  return useMutation({
    mutationKey: ['me', 'password'],
    mutationFn: (body: ChangePasswordReq) => apiRequest<{ ok: true }>('/api/me/password', { method: 'POST', body }),
  });
}
