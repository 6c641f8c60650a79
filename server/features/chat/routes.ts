import { Router } from 'express';
import { ChatSettingsSchema } from '../../../shared/chat/settings';
import type { ChatRoomSummary } from '../../../shared/chat/types';
import { AppError } from '../../../shared/errors';
import type { Resource } from '../../../shared/policy/resources';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { newId } from '../../storage/port';
import { refuseCreationInArchivedClass } from '../spaces/archived-class';
import { presentSpace, presentSpaceFor, spacesCollection, type SpaceDoc } from '../spaces/model';
import { visibleSpaces } from '../spaces/service';
import { chatCollections, classRoomId } from './model';

/** The class room a teacher is about to open: `create` is asked on it, so only the class's teachers (or the director) open it. */
function futureClassRoom(schoolId: string, ownerId: string, classId: string): Resource {
  return { type: 'space', schoolId, spaceId: 'new', kind: 'chat', scope: { kind: 'class', classId }, ownerId, writers: 'everyone', parentsMayComment: false, parentsRead: false, locked: false, moderatorIds: [] };
}

/**
 * Opens the class's room, creating it the first time. Idempotent even when two teachers click at once: the
 * mapping `school:class`, the room and its `space.created` event are written in one transaction, read-checked
 * first, so the second opener (serialised behind the first, or retried after a conflict) finds the room.
 */
async function classRoomOpener(ctx: ServerContext, state: AuthedRequestState, classId: string): Promise<{ room: SpaceDoc; created: boolean }> {
  const schoolClass = await ctx.services.directory.classes.findOne({ _id: classId, schoolId: state.user.schoolId });
  if (!schoolClass) throw new AppError('NOT_FOUND', 'Class not found');
  const { classRooms } = await chatCollections(ctx.store);
  const spaces = spacesCollection(ctx.store);
  const id = classRoomId(state.user.schoolId, classId);
  return auditedChange(ctx, async (record) => {
    const now = Date.now();
    const mapping = (await classRooms.findOne({ _id: id })) ?? (await classRooms.insertOne({ _id: id, schoolId: state.user.schoolId, classId, spaceId: newId(now), createdAt: now }));
    const existing = await spaces.findOne({ _id: mapping.spaceId });
    if (existing) return { room: existing, created: false };
    await refuseCreationInArchivedClass(ctx, state.user.schoolId, { kind: 'class', classId });
    const room = await spaces.insertOne({
      _id: mapping.spaceId,
      schoolId: state.user.schoolId,
      kind: 'chat',
      title: `Salon de la classe ${schoolClass.name}`,
      scope: { kind: 'class', classId },
      scopeId: classId,
      ownerId: state.user._id,
      ownerName: state.user.displayName,
      writers: 'everyone',
      writerIds: [],
      parentsMayComment: false,
      locked: false,
      moderatorIds: [],
      settings: ChatSettingsSchema.parse({}),
      createdAt: now,
      updatedAt: now,
      version: 1,
      archived: false,
    });
    await record({
      schoolId: room.schoolId,
      actor: auditActorOf(state),
      origin: 'http',
      event: 'space.created',
      target: { type: 'chat', id: room._id, ownerId: room.ownerId },
      context: { classId, spaceId: room._id },
      change: { fields: ['title', 'scope', 'writers', 'settings'], after: presentSpace(room) },
      reason: 'class chat room',
    });
    return { room, created: true };
  });
}

/** Chat rooms: the list a user may read, and opening a class's room. Messages travel over Socket.IO. */
export function chatRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  // Indexes are created now rather than at the first message.
  void chatCollections(ctx.store).catch((error: unknown) => ctx.logger.error({ err: error }, 'chat indexes failed'));

  defineRoute(router, runtime, {
    method: 'get',
    path: '/chat/rooms',
    policy: { signedIn: 'the list is filtered by `can(read)` for this user (parents see the class room only when it is opened to them)' },
    async handler({ state }): Promise<ChatRoomSummary[]> {
      const rooms = (await visibleSpaces(ctx, state.actor!)).filter((space) => space.kind === 'chat');
      const { classRooms } = await chatCollections(ctx.store);
      const classRoomIds = new Set((await classRooms.find({ schoolId: state.user!.schoolId })).map((mapping) => mapping.spaceId));
      return rooms.map((room) => ({ ...presentSpaceFor(state.actor, room), classRoom: classRoomIds.has(room._id) }));
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/chat/classes/:classId/room',
    policy: { check: (state, { params }) => ({ action: 'create', resource: futureClassRoom(state.user.schoolId, state.user._id, params.classId ?? '') }) },
    async handler({ params, state, res }): Promise<ChatRoomSummary> {
      const { room, created } = await classRoomOpener(ctx, state as AuthedRequestState, params.classId ?? '');
      res.status(created ? 201 : 200);
      return { ...presentSpaceFor(state.actor, room), classRoom: true };
    },
  });

  return router;
}
