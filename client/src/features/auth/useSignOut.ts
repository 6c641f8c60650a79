import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { paths } from '../../app/paths';
import { apiRequest } from '../../lib/api';
import { closeLiveConnection } from '../../lib/socket';
import { endSession } from './session';

/** `POST /api/auth/logout` (or `logout-all`); whatever the answer, this tab is signed out afterwards. */
export function useSignOut(scope: 'this' | 'everywhere' = 'this') {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationKey: ['auth', 'logout', scope],
    meta: { sessionErrors: false },
    // Closed first: "sign out everywhere" also closes this tab's connection from the server side, which must
    // not be mistaken for a suspension.
    onMutate: () => closeLiveConnection(),
    mutationFn: () => apiRequest<{ ok: true }>(scope === 'this' ? '/api/auth/logout' : '/api/auth/logout-all', { method: 'POST' }),
    onSettled: () => {
      endSession(client, 'signedOut');
      void navigate(paths.signIn, { replace: true });
    },
  });
}
