import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { can } from '../../../shared/policy/can';
import type { Action } from '../../../shared/policy/resources';
import { wallSettingsOf } from '../../../shared/wall/settings';
import { UploadQuerySchema, type UploadedFile } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import { defineRoute, type PolicyQuestion, type RouteRuntime } from '../../http/route';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { auditPlaceOf, deny } from '../auth/runtime';
import { sendBlob } from '../blobs/download';
import { blobReader, blobSaver, loadBlob } from '../blobs/service';
import { receiveFile } from '../blobs/upload';
import { refusal } from '../spaces/access';
import type { SpaceDoc } from '../spaces/model';
import { askWall, type WallAccess } from './access';
import { attachmentOf } from './content';
import { drawingCheck } from './drawing';
import { classOf } from './items';
import { posterRoute } from './poster';
import { cardsCollection, ensureWallIndexes } from './model';
import { wallExporter } from './sync';
import { seesCardFile } from './views';

/** Said to a reader who asks for the JSON export (the client offers it only to those who may). */
const EXPORT_REFUSED = 'L’export du mur est réservé à ses enseignants et à la direction ; sa version imprimable reste ouverte à tous ses lecteurs.';

/** `?download=1` asks for a file to save rather than to show. */
const DownloadQuery = z.object({ download: z.literal('1').optional() });

/**
 * A file is uploaded to go on a card: under "everyone posts" whoever may take part (`comment`), otherwise the
 * class (`write`, which also lets a pupil change the file of their own card on a closed wall).
 */
const uploadAction = (space: SpaceDoc): Action => (wallSettingsOf(space.settings).whoCanPost === 'everyone' ? 'comment' : 'write');

/** Files, export: what does not fit a socket event. Card operations themselves go over Socket.IO. */
export function wallRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  ensureWallIndexes(ctx.store).catch((error: unknown) => ctx.logger.error({ err: error }, 'wall indexes could not be created'));
  const byId = ({ params }: { params: Record<string, string> }) => params.id ?? '';
  const reads = askWall(ctx, 'read', byId);
  const audit = (state: AuthedRequestState, space: SpaceDoc, event: 'wall.exported' | 'wall.file_uploaded', target: { type: string; id: string; ownerId: string | null }, after: unknown) =>
    ctx.services.audit.record({ schoolId: space.schoolId, actor: auditActorOf(state), origin: 'http', event, target, context: { classId: classOf(space), spaceId: space._id }, change: { fields: event === 'wall.exported' ? ['cards'] : ['file'], after } });

  /**
   * The JSON export takes the whole wall away: its teachers and the director (`export`). Anyone else is refused
   * (audited, as every denial) with a message in their language; every reader may print the wall instead.
   */
  const exports = async (state: AuthedRequestState, input: { params: Record<string, string> }): Promise<PolicyQuestion<WallAccess>> => {
    const question = await askWall(ctx, 'export', byId)(state, input);
    if (!can(state.actor, question.action, question.resource)) {
      await deny(ctx, state, 'http', 'FORBIDDEN', { action: `${question.action} ${question.resource.type}`, ...auditPlaceOf(question.resource) });
      throw new AppError('FORBIDDEN', EXPORT_REFUSED);
    }
    return question;
  };
  defineRoute(router, runtime, {
    method: 'get',
    path: '/walls/:id/export',
    query: DownloadQuery,
    policy: { check: exports },
    async handler({ state, query, res, subject: wall }) {
      const authed = state as AuthedRequestState;
      const { space } = wall;
      const data = await wallExporter(ctx, wall);
      await audit(authed, space, 'wall.exported', { type: 'wall', id: space._id, ownerId: space.ownerId }, { cards: data.cards.length });
      if (query.download === '1') {
        const slug = space.title.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60);
        const name = `${slug || `mur-${space._id}`}.json`;
        res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      }
      return data;
    },
  });

  /** The printable version: every card the reader sees, as they see it (a view of the wall, logged as one). */
  defineRoute(router, runtime, {
    method: 'get',
    path: '/walls/:id/print',
    policy: { check: reads },
    async handler({ state, subject: wall }) {
      const { space } = wall;
      await ctx.services.audit.recordView({ schoolId: space.schoolId, actor: auditActorOf(state as AuthedRequestState), origin: 'http', target: { type: 'wall', id: space._id, ownerId: space.ownerId }, context: { classId: classOf(space), spaceId: space._id } });
      return wallExporter(ctx, wall);
    },
  });

  defineRoute<undefined, z.infer<typeof UploadQuerySchema>, UploadedFile, WallAccess>(router, runtime, {
    method: 'post',
    path: '/walls/:id/files',
    query: UploadQuerySchema,
    policy: { check: askWall(ctx, uploadAction, byId) },
    async handler({ state, req, res, query, subject: { space } }): Promise<UploadedFile> {
      const authed = state as AuthedRequestState;
      // The bytes are processed (resized, re-encoded) before anything is stored; the blob's own writes are the
      // blobs feature's, so the upload's event follows them.
      const file = await receiveFile(req);
      if (query.source === 'drawing') drawingCheck(file.data);
      const { blob, used, quota } = await blobSaver(ctx, { schoolId: space.schoolId, userId: authed.user._id, profiles: authed.user.profiles, spaceId: space._id }, { ...file, ...(query.source ? { source: query.source } : {}) });
      await audit(authed, space, 'wall.file_uploaded', { type: 'wallFile', id: blob._id, ownerId: authed.user._id }, { kind: blob.kind, size: blob.size, name: blob.name });
      res.status(201);
      return { ...attachmentOf(blob), usedBytes: used, quotaBytes: quota };
    },
  });

  /**
   * A file is served to whoever sees it on its card: the published file to those who see the card, the file of a
   * change waiting for review to its authors and the moderators (or to its uploader before it is used).
   */
  const serveFile = (variant: 'file' | 'thumb') =>
    defineRoute(router, runtime, {
      method: 'get',
      path: variant === 'file' ? '/walls/:id/files/:blobId' : '/walls/:id/files/:blobId/thumb',
      query: DownloadQuery,
      policy: { check: reads },
      async handler({ params, state, req, res, query, subject: wall }) {
        const authed = state as AuthedRequestState;
        const { space } = wall;
        const blob = await loadBlob(ctx, space.schoolId, params.blobId ?? '');
        if (!blob || blob.spaceId !== space._id) throw new AppError('NOT_FOUND', 'File not found');
        const card = blob.attachedTo ? await cardsCollection(ctx.store).findOne({ _id: blob.attachedTo, spaceId: space._id, deletedAt: null }) : null;
        const visible = card ? seesCardFile(wall.rights, card, blob._id) : blob.attachedTo === null && blob.ownerId === authed.user._id;
        if (!visible) throw await refusal(ctx, authed, 'http', space, 'read a file of the wall', { type: 'wallFile', id: blob._id, ownerId: blob.ownerId });
        const data = await blobReader(ctx, blob, variant);
        if (!data) throw new AppError('NOT_FOUND', 'File not found');
        sendBlob(res, blob, data, variant, query.download === '1', req.headers.range);
        return undefined;
      },
    });
  serveFile('file');
  serveFile('thumb');
  posterRoute(ctx, runtime, router, askWall(ctx, uploadAction, byId));

  return router;
}
