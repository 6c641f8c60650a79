import { authorColor } from '../../shared/pad/colors';
import { PAD_DENIAL_AUDIT_WINDOW_MS } from '../../shared/pad/limits';
import { deny } from '../../server/features/auth/runtime';
import { auditActorOf } from '../../server/http/request-state';
import type { CollabHooks } from '../server';
import { guardPadUpdate, inspectPadUpdate } from './guard';
import { LiveAccess } from './live';
import type { PadConnectionContext, PadRuntime } from './runtime';

const ALLOWED = { ok: true } as const;

/** The pad's document hooks (everything but authentication, which collab/auth/hooks.ts adds). */
export function padDocumentHooks(runtime: PadRuntime): Omit<CollabHooks<PadConnectionContext>, 'onAuthenticate'> {
  const { ctx } = runtime;
  const live = new LiveAccess(runtime);
  return {
    onConfigure(instance) {
      runtime.attach(instance);
      runtime.live = live;
      live.listen();
    },
    onLoadDocument: ({ document }) => runtime.load(document),
    onConnect({ document, connection }) {
      const state = runtime.state(document);
      // Opening a pad is a view of content (BRIEF rule 4), coalesced per user and pad.
      void ctx.services.audit
        .recordView({
          schoolId: state.target.schoolId,
          actor: auditActorOf(connection.context.state),
          origin: 'collab',
          target: { type: 'pad', id: state.target.spaceId, ownerId: state.ownerId },
          context: { classId: state.classId, spaceId: state.target.spaceId },
        })
        .catch((error: unknown) => ctx.logger.error({ err: error }, 'pad: recording a view failed'));
      // Mutes may have changed while nobody had the pad open (from the moderation console): re-read them.
      void live.mutesChanged(document).catch((error: unknown) => ctx.logger.error({ err: error }, 'pad: reading mutes failed'));
    },
    // Per user, across their connections and reconnections (and nodes, with Redis). A failing limiter store lets
    // frames through rather than cutting every pad off.
    rateLimit: (name, userId, points) => {
      // Most frames are answered at once from the user's lease (no promise on the hot path).
      const decision = ctx.services.rateLimits.spend(name, userId, points);
      if (!(decision instanceof Promise)) return decision;
      return decision.catch((error: unknown) => {
        ctx.logger.error({ err: error, limit: name }, 'collab: rate limiter unavailable');
        return ALLOWED;
      });
    },
    inspectUpdate: ({ update }) => inspectPadUpdate(update),
    beforeApplyUpdate: ({ document, decoded }) => guardPadUpdate(document.doc, decoded),
    onChange: (batch) => runtime.persist(batch),
    onRefusedWrite({ document, connection }) {
      const now = Date.now();
      if (now - connection.lastDenialAt < PAD_DENIAL_AUDIT_WINDOW_MS) return;
      connection.lastDenialAt = now;
      const state = runtime.state(document);
      void deny(ctx, connection.context.state, 'collab', 'FORBIDDEN', {
        action: `pad write (read-only: ${connection.access.mode === 'read' ? connection.access.reason : 'none'})`,
        target: { type: 'pad', id: state.target.spaceId, ownerId: state.ownerId },
        classId: state.classId,
        spaceId: state.target.spaceId,
      }).catch((error: unknown) => ctx.logger.error({ err: error }, 'pad: recording a denial failed'));
    },
    onCatchUp: ({ document }) => runtime.catchUp(document),
    onStoreDocument: ({ document, reason }) => runtime.store(document, reason),
    presence(connection) {
      const user = connection.context.state.user;
      // The name on a caret is the authenticated one, whatever the client put there.
      return { user: { id: user._id, name: user.displayName, color: authorColor(user._id).caret } };
    },
  };
}
