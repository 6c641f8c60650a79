import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { auditedChange } from '../../audit/command';
import { askSpace } from '../spaces/access';
import { presentSpace, spacesCollection, type SpaceDoc } from '../spaces/model';
import { spaceAuditContext } from '../spaces/service';

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

/**
 * Adds or removes a pupil moderator, with its audit event, in one transaction. Live at once: the pupil's open
 * sockets are decided on the new rights, leave the consoles and moderators' rooms when revoked, and their tabs
 * reload their rights; everyone viewing the space gets it with their own rights.
 */
async function setModerator(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, userId: string, designate: boolean) {
  if (designate) await assertPupilOfScope(ctx, space, userId);
  const updated = await auditedChange(ctx, async (record) => {
    const after = await spacesCollection(ctx.store).findOneAndUpdate(
      { _id: space._id },
      { ...(designate ? { $addToSet: { moderatorIds: userId } } : { $pull: { moderatorIds: userId } }), $set: { updatedAt: Date.now() }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    if (!after) throw new AppError('NOT_FOUND', 'Space not found');
    await record({
      schoolId: space.schoolId,
      actor: auditActorOf(state),
      origin: 'http',
      event: designate ? 'moderation.designated' : 'moderation.revoked',
      target: { type: 'user', id: userId, ownerId: userId },
      context: spaceAuditContext(space),
      change: { fields: ['moderatorIds'], before: space.moderatorIds, after: after.moderatorIds },
    });
    return after;
  });
  const summary = presentSpace(updated);
  await ctx.services.bus.publish('user.rightsChanged', userId);
  await ctx.services.bus.publish('space.updated', summary);
  return summary;
}

/** Designation and revocation of pupil moderators, per space (by its teachers and the director). */
export function designationRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const configures = askSpace(ctx, null, 'configure', ({ params }: { params: Record<string, string> }) => params.id ?? '');

  defineRoute(router, runtime, {
    method: 'post',
    path: '/spaces/:id/moderators',
    body: DesignationSchema,
    policy: { check: configures },
    handler: ({ body, state, subject }) => setModerator(ctx, state as AuthedRequestState, subject, body.userId, true),
  });

  defineRoute(router, runtime, {
    method: 'delete',
    path: '/spaces/:id/moderators/:userId',
    policy: { check: configures },
    handler: ({ params, state, subject }) => setModerator(ctx, state as AuthedRequestState, subject, params.userId ?? '', false),
  });

  return router;
}
