import { COLLAB_CLOSE } from '../../shared/realtime/close-codes';
import { spaceIdOfDocument } from '../../shared/pad/protocol';
import { AppError } from '../../shared/errors';
import type { ServerContext } from '../../server/context';
import { authenticateUpgrade } from '../../server/realtime/authenticate';
import { deny } from '../../server/features/auth/runtime';
import { padAccessOf, padMutes } from '../../server/features/pad/access';
import { loadSpaceOfKind } from '../../server/features/spaces/access';
import { spaceResource } from '../../server/features/spaces/model';
import type { AuthedRequestState } from '../../server/http/request-state';
import type { CollabHooks } from '../server';
import { padDocumentHooks } from '../pad/hooks';
import { padRuntimeOf, type PadConnectionContext } from '../pad/runtime';

const CLOSE_BY_REFUSAL = {
  UNAUTHENTICATED: COLLAB_CLOSE.UNAUTHENTICATED,
  SUSPENDED: COLLAB_CLOSE.SUSPENDED,
  CHARTER_REQUIRED: COLLAB_CLOSE.CHARTER_REQUIRED,
  PASSWORD_CHANGE_REQUIRED: COLLAB_CLOSE.CHARTER_REQUIRED,
} as const;

/**
 * Authentication from the session cookie, with the same gate as REST and sockets; then authorization per
 * document through `can()` on the pad's space resource, the same one REST routes ask (`spaceResource`: its
 * kind, writers, lock, `moderatorIds`): `write` → a read-write connection, `read` only (or muted, or locked)
 * → read-only, neither → FORBIDDEN. Every refusal is audited. The decision is taken again on the open
 * connection whenever the space or the user's rights change (collab/pad/live.ts).
 */
export function collabHooks(ctx: ServerContext): CollabHooks<PadConnectionContext> {
  const runtime = padRuntimeOf(ctx);
  const documentHooks = padDocumentHooks(runtime);
  return {
    ...documentHooks,
    // An accepted edit is activity of its author's session: the idle timeout counts it (SessionWatch stores it).
    async onChange(batch) {
      await documentHooks.onChange?.(batch);
      for (const { document, authors } of batch) {
        const ids = new Set(authors.map((author) => author.userId));
        for (const connection of document.connections) {
          if (ids.has(connection.userId)) ctx.services.sessions.markActive(connection.context.state.session._id);
        }
      }
    },
    async onAuthenticate(request, documentName) {
      const result = await authenticateUpgrade(ctx, request, 'collab');
      if (!result.ok) return { ok: false, code: CLOSE_BY_REFUSAL[result.code], reason: result.code };
      // The gate let it through: the session, user and actor are there.
      const state = result.state as AuthedRequestState;
      const spaceId = spaceIdOfDocument(documentName);
      const forbidden = async (why: string) => {
        await deny(ctx, state, 'collab', 'FORBIDDEN', { action: `open ${documentName} (${why})`, spaceId });
        return { ok: false as const, code: COLLAB_CLOSE.FORBIDDEN, reason: why };
      };
      if (!spaceId) return forbidden('no such document');
      let space;
      try {
        space = await loadSpaceOfKind(ctx, spaceId, state.user.schoolId, 'pad');
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return forbidden('no such pad');
        throw error;
      }
      const access = padAccessOf(state.actor, spaceResource(space), await padMutes(ctx, space._id));
      if (access.mode === 'none') return forbidden('may not read');
      return { ok: true, userId: state.user._id, access, context: { state, spaceId }, sessionId: state.session._id };
    },
  };
}
