import type { Router } from 'express';
import { AppError } from '../../../shared/errors';
import type { UploadedFile } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import { defineRoute, type PolicyQuestion, type RouteRuntime } from '../../http/route';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { loadBlob, posterSetter, storageUsage } from '../blobs/service';
import { receiveFile } from '../blobs/upload';
import type { WallAccess } from './access';
import { attachmentOf } from './content';
import { classOf } from './items';
import { IMAGE_MAX_BYTES } from '../../../shared/wall/limits';

/**
 * `POST /api/walls/:id/files/:blobId/poster`: the poster frame of a video just uploaded (the browser draws a frame
 * of it and sends it as an image), asked as an upload is (`check`); kept as the video's thumbnail. Audited as an
 * upload.
 */
export function posterRoute(
  ctx: ServerContext,
  runtime: RouteRuntime,
  router: Router,
  check: (state: AuthedRequestState, input: { params: Record<string, string> }) => Promise<PolicyQuestion<WallAccess>>,
): void {
  defineRoute<undefined, undefined, UploadedFile, WallAccess>(router, runtime, {
    method: 'post',
    path: '/walls/:id/files/:blobId/poster',
    policy: { check },
    async handler({ state, req, res, params, subject: { space } }): Promise<UploadedFile> {
      const authed = state as AuthedRequestState;
      const video = await loadBlob(ctx, space.schoolId, params.blobId ?? '');
      if (!video || video.spaceId !== space._id || video.ownerId !== authed.user._id) throw new AppError('NOT_FOUND', 'File not found');
      const file = await receiveFile(req, IMAGE_MAX_BYTES);
      const owner = { schoolId: space.schoolId, userId: authed.user._id, profiles: authed.user.profiles, spaceId: space._id };
      const blob = await posterSetter(ctx, owner, video, file);
      await ctx.services.audit.record({
        schoolId: space.schoolId,
        actor: auditActorOf(authed),
        origin: 'http',
        event: 'wall.file_uploaded',
        target: { type: 'wallFile', id: blob._id, ownerId: authed.user._id },
        context: { classId: classOf(space), spaceId: space._id },
        change: { fields: ['poster'], after: { kind: 'poster', size: blob.thumbSize } },
      });
      const { used, quota } = await storageUsage(ctx, authed.user._id, authed.user.profiles);
      res.status(201);
      return { ...attachmentOf(blob), usedBytes: used, quotaBytes: quota };
    },
  });
}
