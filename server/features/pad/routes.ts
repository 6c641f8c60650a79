import { Router } from 'express';
import { padDocumentName } from '../../../shared/pad/protocol';
import { PadSettingsSchema } from '../../../shared/pad/settings';
import { CreateVersionSchema, MuteSchema, RedactSchema, type PadAuthorship, type PadInfo, type PadVersionPreview, type PadVersionSummary } from '../../../shared/pad/types';
import { can } from '../../../shared/policy/can';
import type { Action } from '../../../shared/policy/resources';
import { guardedAuthor } from '../../../shared/pii/guard';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { padRuntimeOf } from '../../../collab/pad/runtime';
import { askSpace } from '../spaces/access';
import { presentSpaceFor, spaceResource, type SpaceDoc } from '../spaces/model';
import { spaceAuditContext } from '../spaces/service';
import { padAccessOf, padMutes, padPeople, scopePupils } from './access';
import { padContentJson } from './content';
import { loadVersion } from './versions';
import { mutedPupils, namedVersionCreator, padRedactor, presentVersions, pupilMuter, pupilUnmuter, versionRestorer } from './service';

const authed = (state: unknown): AuthedRequestState => state as AuthedRequestState;
type Params = { params: Record<string, string> };

/**
 * "Afficher les auteurs" is for everyone, or only for the pad's moderators when the teacher keeps it for a
 * first draft: the exact action depends on the pad's settings.
 */
const authorsAction = (space: SpaceDoc): Action => (PadSettingsSchema.parse(space.settings).authorsVisibleTo === 'moderators' ? 'moderate' : 'read');

/**
 * The pad's REST side: what is not text. The text and carets travel on `/collab/pad:<id>`; here are the
 * pad's page data, "afficher les auteurs", versions (list, preview, named, restore) and moderation (mute,
 * redaction). Locking is the space's own setting (`PATCH /api/spaces/:id { locked, version }`).
 *
 * Every route asks the exact action on the pad's space at the edge (loaded once, handed over as `subject`):
 * `read` to read, `configure` (teachers of the scope, the director) for versions, restores, mutes and
 * redactions. A pupil moderator `moderate`s (writes in a locked pad, sees the authors), but never rewrites the
 * class's text: restoring an empty version would wipe it.
 */
export function padRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const pads = padRuntimeOf(ctx);
  pads.init().catch((error: unknown) => ctx.logger.error({ err: error }, 'pad indexes could not be created'));
  const asks = (action: Action | ((space: SpaceDoc) => Action)) => askSpace(ctx, 'pad', action, ({ params }: Params) => params.id ?? '');

  defineRoute(router, runtime, {
    method: 'get',
    path: '/pads/:id',
    policy: { check: asks('read') },
    async handler({ state, subject: pad }): Promise<PadInfo> {
      const { actor } = authed(state);
      const view = presentSpaceFor(actor, pad);
      const mutes = await padMutes(ctx, pad._id);
      const { moderate: canModerate, configure: canConfigure } = view.rights;
      return {
        space: view,
        access: padAccessOf(actor, spaceResource(pad), mutes),
        canModerate,
        canConfigure,
        canSeeAuthors: can(actor, authorsAction(pad), spaceResource(pad)),
        personalInfoGuard: guardedAuthor(actor.profiles),
        muted: canConfigure ? await mutedPupils(ctx, mutes) : [],
        pupils: canConfigure ? await scopePupils(ctx, pad) : [],
      };
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/pads/:id/authors',
    policy: { check: asks(authorsAction) },
    async handler({ subject: pad }): Promise<PadAuthorship> {
      const { users, ranges } = await pads.withPad(pad._id, (document) => ({ users: [...document.attribution.users], ranges: document.attribution.toFlat() }));
      const people = await padPeople(ctx, users);
      return { authors: users.map((id) => people.get(id)!), ranges };
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/pads/:id/versions',
    policy: { check: asks('read') },
    async handler({ subject: pad }): Promise<PadVersionSummary[]> {
      return presentVersions(ctx, await pads.pads.versions.find({ doc: padDocumentName(pad._id) }, { sort: { createdAt: -1, _id: -1 } }));
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/pads/:id/versions/:versionId',
    policy: { check: asks('read') },
    async handler({ params, state, subject: pad }): Promise<PadVersionPreview> {
      const { version, doc } = await loadVersion(pads.pads, padDocumentName(pad._id), params.versionId ?? '');
      const content = padContentJson(doc);
      doc.destroy();
      await ctx.services.audit.recordView({
        schoolId: pad.schoolId,
        actor: auditActorOf(state),
        origin: 'http',
        target: { type: 'pad_version', id: version._id, ownerId: pad.ownerId },
        context: spaceAuditContext(pad),
      });
      return { ...(await presentVersions(ctx, [version]))[0]!, content };
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/pads/:id/versions',
    body: CreateVersionSchema,
    policy: { check: asks('configure') },
    async handler({ state, body, res, subject: pad }) {
      const version = await namedVersionCreator(ctx, authed(state), pad, body.name);
      res.status(201);
      return version;
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/pads/:id/versions/:versionId/restore',
    policy: { check: asks('configure') },
    handler: ({ params, state, subject: pad }) => versionRestorer(ctx, authed(state), pad, params.versionId ?? ''),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/pads/:id/mutes',
    body: MuteSchema,
    policy: { check: asks('configure') },
    handler: ({ state, body, subject: pad }) => pupilMuter(ctx, authed(state), pad, body),
  });

  defineRoute(router, runtime, {
    method: 'delete',
    path: '/pads/:id/mutes/:userId',
    policy: { check: asks('configure') },
    handler: ({ params, state, subject: pad }) => pupilUnmuter(ctx, authed(state), pad, params.userId ?? ''),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/pads/:id/redactions',
    body: RedactSchema,
    policy: { check: asks('configure') },
    handler: ({ state, body, subject: pad }) => padRedactor(ctx, authed(state), pad, body.passages),
  });

  return router;
}
