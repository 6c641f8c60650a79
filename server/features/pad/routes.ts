import { Router } from 'express';
import { AppError } from '../../../shared/errors';
import { padDocumentName } from '../../../shared/pad/protocol';
import { PadSettingsSchema } from '../../../shared/pad/settings';
import { CreateVersionSchema, MuteSchema, RedactSchema, type PadAuthorship, type PadInfo, type PadVersionPreview, type PadVersionSummary } from '../../../shared/pad/types';
import { can } from '../../../shared/policy/can';
import type { Action } from '../../../shared/policy/resources';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { padRuntimeOf } from '../../../collab/pad/runtime';
import { presentSpace } from '../spaces/model';
import { loadPadSpace, padAccessOf, padMutes, padPeople, padResource } from './access';
import { padContentJson } from './content';
import { loadVersion } from './versions';
import {
  mutedPupils,
  namedVersionCreator,
  padPupils,
  padRedactor,
  presentVersions,
  pupilMuter,
  pupilUnmuter,
  versionRestorer,
} from './service';

const authed = (state: unknown): AuthedRequestState => state as AuthedRequestState;

/**
 * The pad's REST side: what is not text. The text and carets travel on `/collab/pad:<id>`; here are the
 * pad's page data, "afficher les auteurs", versions (list, preview, named, restore) and moderation (mute,
 * redaction). Locking is the space's own setting (`PATCH /api/spaces/:id { locked }`).
 */
export function padRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const pads = padRuntimeOf(ctx);
  pads.init().catch((error: unknown) => ctx.logger.error({ err: error }, 'pad indexes could not be created'));
  const asks =
    (action: Action) =>
    async (state: AuthedRequestState, { params }: { params: Record<string, string> }) => ({
      action,
      resource: padResource(await loadPadSpace(ctx, params.id ?? '', state.user.schoolId)),
    });
  const space = (state: unknown, params: Record<string, string>) => loadPadSpace(ctx, params.id ?? '', authed(state).user.schoolId);

  defineRoute(router, runtime, {
    method: 'get',
    path: '/pads/:id',
    policy: { check: asks('read') },
    async handler({ params, state }): Promise<PadInfo> {
      const { actor } = authed(state);
      const pad = await space(state, params);
      const resource = padResource(pad);
      const mutes = await padMutes(ctx, pad._id);
      const canConfigure = can(actor, 'configure', resource);
      const canModerate = can(actor, 'moderate', resource);
      const settings = PadSettingsSchema.parse(pad.settings);
      return {
        space: presentSpace(pad),
        access: padAccessOf(actor, resource, mutes),
        canModerate,
        canConfigure,
        canSeeAuthors: settings.authorsVisibleTo === 'everyone' || canModerate,
        muted: canConfigure ? await mutedPupils(ctx, pad, mutes) : [],
        pupils: canConfigure ? await padPupils(ctx, pad) : [],
      };
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/pads/:id/authors',
    policy: { check: asks('read') },
    async handler({ params, state }): Promise<PadAuthorship> {
      const pad = await space(state, params);
      if (PadSettingsSchema.parse(pad.settings).authorsVisibleTo === 'moderators' && !can(authed(state).actor, 'moderate', padResource(pad))) {
        throw new AppError('FORBIDDEN', 'Only the moderators see the authors of this pad');
      }
      const { users, ranges } = await pads.withPad(pad._id, (document) => ({ users: [...document.attribution.users], ranges: document.attribution.toFlat() }));
      const people = await padPeople(ctx, users);
      return { authors: users.map((id) => people.get(id)!), ranges };
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/pads/:id/versions',
    policy: { check: asks('read') },
    async handler({ params, state }): Promise<PadVersionSummary[]> {
      const pad = await space(state, params);
      return presentVersions(ctx, await pads.pads.versions.find({ doc: padDocumentName(pad._id) }, { sort: { createdAt: -1, _id: -1 } }));
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/pads/:id/versions/:versionId',
    policy: { check: asks('read') },
    async handler({ params, state }): Promise<PadVersionPreview> {
      const pad = await space(state, params);
      const { version, doc } = await loadVersion(pads.pads, padDocumentName(pad._id), params.versionId ?? '');
      const content = padContentJson(doc);
      doc.destroy();
      await ctx.services.audit.recordView({
        schoolId: pad.schoolId,
        actor: auditActorOf(state),
        origin: 'http',
        target: { type: 'pad_version', id: version._id, ownerId: pad.ownerId },
        context: { classId: pad.scope.kind === 'class' ? pad.scope.classId : null, spaceId: pad._id },
      });
      return { ...(await presentVersions(ctx, [version]))[0]!, content };
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/pads/:id/versions',
    body: CreateVersionSchema,
    policy: { check: asks('moderate') },
    async handler({ params, state, body, res }) {
      const version = await namedVersionCreator(ctx, authed(state), await space(state, params), body.name);
      res.status(201);
      return version;
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/pads/:id/versions/:versionId/restore',
    policy: { check: asks('moderate') },
    async handler({ params, state }) {
      return versionRestorer(ctx, authed(state), await space(state, params), params.versionId ?? '');
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/pads/:id/mutes',
    body: MuteSchema,
    policy: { check: asks('configure') },
    async handler({ params, state, body }) {
      return pupilMuter(ctx, authed(state), await space(state, params), body);
    },
  });

  defineRoute(router, runtime, {
    method: 'delete',
    path: '/pads/:id/mutes/:userId',
    policy: { check: asks('configure') },
    async handler({ params, state }) {
      return pupilUnmuter(ctx, authed(state), await space(state, params), params.userId ?? '');
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/pads/:id/redactions',
    body: RedactSchema,
    policy: { check: asks('configure') },
    async handler({ params, state, body }) {
      return padRedactor(ctx, authed(state), await space(state, params), body.passages);
    },
  });

  return router;
}
