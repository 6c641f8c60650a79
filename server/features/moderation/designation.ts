import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { spaceRoom } from '../../../shared/spaces/types';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { presentSpace, spaceResource, spacesCollection, type SpaceDoc } from '../spaces/model';
import { loadSpace } from '../spaces/service';

const DesignationSchema = z.object({ userId: z.string().min(1).max(64) }).strict();

/** A pupil may moderate a space only if they belong to its class or group. */
async function assertPupilOfScope(ctx: ServerContext, space: SpaceDoc, userId: string): Promise<void> {
  const user = await ctx.services.directory.users.findOne({ _id: userId, schoolId: space.schoolId });
  if (!user?.profiles.includes('pupil')) throw new AppError('VALIDATION', 'Only a pupil can be designated');
  if (space.scope.kind === 'school') return;
  const targetId = space.scope.kind === 'class' ? space.scope.classId : space.scope.groupId;
  const member = await ctx.services.directory.memberships.findOne({ userId, targetId });
  if (!member) throw new AppError('VALIDATION', 'This pupil does not belong to the space');
}

/** Adds or removes a pupil moderator; live for the pupil (actor refresh) and for the space's viewers. */
async function setModerator(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, userId: string, designate: boolean) {
  if (designate) await assertPupilOfScope(ctx, space, userId);
  const updated = await spacesCollection(ctx.store).findOneAndUpdate(
    { _id: space._id },
    { ...(designate ? { $addToSet: { moderatorIds: userId } } : { $pull: { moderatorIds: userId } }), $set: { updatedAt: Date.now() }, $inc: { version: 1 } },
    { returnDocument: 'after' },
  );
  if (!updated) throw new AppError('NOT_FOUND', 'Space not found');
  await ctx.services.audit.record({
    schoolId: space.schoolId,
    actor: auditActorOf(state),
    origin: 'http',
    event: designate ? 'moderation.designated' : 'moderation.revoked',
    target: { type: 'user', id: userId, ownerId: userId },
    context: { classId: space.scope.kind === 'class' ? space.scope.classId : null, spaceId: space._id },
    change: { fields: ['moderatorIds'], beforeHash: null, afterHash: null },
  });
  const summary = presentSpace(updated);
  ctx.services.bus.emit('user.rightsChanged', userId);
  ctx.services.bus.emit('space.updated', summary);
  ctx.services.realtime.io?.to(spaceRoom(space._id)).emit('space:updated', summary);
  return summary;
}

/** Designation and revocation of pupil moderators, per space (by its teachers and the director). */
export function designationRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const designateCheck = async (state: AuthedRequestState, params: Record<string, string>) => ({
    action: 'configure' as const,
    resource: spaceResource(await loadSpace(ctx, params.id ?? '', state.user.schoolId)),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/spaces/:id/moderators',
    body: DesignationSchema,
    policy: { check: (state, { params }) => designateCheck(state, params) },
    async handler({ params, body, state }) {
      const space = await loadSpace(ctx, params.id ?? '', state.user!.schoolId);
      return setModerator(ctx, state as AuthedRequestState, space, body.userId, true);
    },
  });

  defineRoute(router, runtime, {
    method: 'delete',
    path: '/spaces/:id/moderators/:userId',
    policy: { check: (state, { params }) => designateCheck(state, params) },
    async handler({ params, state }) {
      const space = await loadSpace(ctx, params.id ?? '', state.user!.schoolId);
      return setModerator(ctx, state as AuthedRequestState, space, params.userId ?? '', false);
    },
  });

  return router;
}
