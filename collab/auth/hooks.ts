import { COLLAB_CLOSE } from '../../shared/realtime/close-codes';
import type { ServerContext } from '../../server/context';
import { authenticateUpgrade } from '../../server/realtime/authenticate';
import type { CollabHooks } from '../server';

const CLOSE_BY_REFUSAL = {
  UNAUTHENTICATED: COLLAB_CLOSE.UNAUTHENTICATED,
  SUSPENDED: COLLAB_CLOSE.SUSPENDED,
  CHARTER_REQUIRED: COLLAB_CLOSE.CHARTER_REQUIRED,
  PASSWORD_CHANGE_REQUIRED: COLLAB_CLOSE.CHARTER_REQUIRED,
} as const;

/**
 * Authentication from the session cookie, with the same gate as REST and sockets. Documents arrive with the
 * Pad issue; until a document kind is registered, an authenticated user may open none (FORBIDDEN).
 */
export function collabHooks(ctx: ServerContext): CollabHooks {
  return {
    async onAuthenticate(request, documentName) {
      const result = await authenticateUpgrade(ctx, request, 'collab');
      if (!result.ok) return { ok: false, code: CLOSE_BY_REFUSAL[result.code], reason: result.code };
      ctx.logger.debug({ documentName, userId: result.state.user._id }, 'collab: no such document');
      return { ok: false, code: COLLAB_CLOSE.FORBIDDEN, reason: 'no such document' };
    },
  };
}
