import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { canSeeCard } from '../../../shared/wall/policy';
import type { UploadedFile } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import { defineRoute, type RouteRuntime } from '../../http/route';
import type { AuthedRequestState } from '../../http/request-state';
import { sendBlob } from '../blobs/download';
import { blobReader, blobSaver, loadBlob } from '../blobs/service';
import { receiveFile } from '../blobs/upload';
import { spaceResource } from '../spaces/model';
import { loadSpace } from '../spaces/service';
import { loadWall, refuse } from './access';
import { auditWall } from './audit';
import { attachmentOf } from './content';
import { cardsCollection, ensureWallIndexes } from './model';
import { wallExporter } from './sync';

/** `?download=1` asks for a file to save rather than to show. */
const DownloadQuery = z.object({ download: z.literal('1').optional() });

/** Files, export: what does not fit a socket event. Card operations themselves go over Socket.IO. */
export function wallRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  ensureWallIndexes(ctx.store).catch((error: unknown) => ctx.logger.error({ err: error }, 'wall indexes could not be created'));
  const readsWall = async (state: AuthedRequestState, { params }: { params: Record<string, string> }) => ({
    action: 'read' as const,
    resource: spaceResource(await loadSpace(ctx, params.id ?? '', state.user.schoolId)),
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/walls/:id/export',
    query: DownloadQuery,
    policy: { check: readsWall },
    async handler({ params, state, query, res }) {
      const authed = state as AuthedRequestState;
      const wall = await loadWall(ctx, authed, params.id ?? '');
      const data = await wallExporter(ctx, wall, authed.actor);
      await auditWall(ctx, authed, 'http', wall, 'wall.exported', { type: 'wall', id: wall.space._id, ownerId: wall.space.ownerId }, { fields: ['cards'], after: { cards: data.cards.length } });
      if (query.download === '1') {
        const slug = wall.space.title.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60);
        const name = `${slug || `mur-${wall.space._id}`}.json`;
        res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      }
      return data;
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/walls/:id/files',
    policy: { check: readsWall },
    async handler({ params, state, req, res }): Promise<UploadedFile> {
      const authed = state as AuthedRequestState;
      const wall = await loadWall(ctx, authed, params.id ?? '');
      if (!wall.rights.post && !wall.rights.write) {
        req.resume();
        await refuse(ctx, authed, 'http', wall, 'upload a file to the wall');
      }
      const file = await receiveFile(req);
      const { blob, used, quota } = await blobSaver(ctx, { schoolId: wall.space.schoolId, userId: authed.user._id, profiles: authed.user.profiles, spaceId: wall.space._id }, file);
      await auditWall(ctx, authed, 'http', wall, 'wall.file_uploaded', { type: 'wallFile', id: blob._id, ownerId: authed.user._id }, { fields: ['file'], after: { kind: blob.kind, size: blob.size, name: blob.name } });
      res.status(201);
      return { ...attachmentOf(blob), usedBytes: used, quotaBytes: quota };
    },
  });

  /** A file is served to whoever sees the card it belongs to (or to its uploader before it is used). */
  const serveFile = (variant: 'file' | 'thumb') =>
    defineRoute(router, runtime, {
      method: 'get',
      path: variant === 'file' ? '/walls/:id/files/:blobId' : '/walls/:id/files/:blobId/thumb',
      query: DownloadQuery,
      policy: { check: readsWall },
      async handler({ params, state, res, query }) {
        const authed = state as AuthedRequestState;
        const wall = await loadWall(ctx, authed, params.id ?? '');
        const blob = await loadBlob(ctx, wall.space.schoolId, params.blobId ?? '');
        if (!blob || blob.spaceId !== wall.space._id) throw new AppError('NOT_FOUND', 'File not found');
        const card = blob.attachedTo ? await cardsCollection(ctx.store).findOne({ _id: blob.attachedTo, deletedAt: null }) : null;
        const visible = card ? canSeeCard(wall.rights, card) : blob.ownerId === authed.user._id;
        if (!visible) await refuse(ctx, authed, 'http', wall, 'read a file of the wall', { type: 'wallFile', id: blob._id, ownerId: blob.ownerId });
        const data = await blobReader(ctx, blob, variant);
        if (!data) throw new AppError('NOT_FOUND', 'File not found');
        sendBlob(res, blob, data, variant, query.download === '1');
        return undefined;
      },
    });
  serveFile('file');
  serveFile('thumb');

  return router;
}
