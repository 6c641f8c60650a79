import { isChatConfigurer, mayBeMuted } from '../../../shared/chat/policy';
import type { ChatMuteView } from '../../../shared/chat/types';
import type { ReasonCode } from '../../../shared/moderation/types';
import { AppError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import type { PreauServer } from '../../realtime/handlers';
import { userRoom } from '../../realtime/handlers';
import { loadActor } from '../directory/actor';
import { muteSetter, mutesCollection } from '../moderation/mutes';
import type { SpaceDoc } from '../spaces/model';
import { auditContextOf, refuse, roomFacts } from './rooms';
import { moderatorsRoom } from './views';

/*
 * Mutes are the moderation feature's (one mute per user and space, whether set from the chat or from the
 * moderation console); the chat sets, lifts and lists them here, and enforces them with `mutedUntil`.
 */

async function names(ctx: ServerContext, ids: string[]): Promise<Map<string, string>> {
  const users = ids.length > 0 ? await ctx.services.directory.users.find({ _id: { $in: [...new Set(ids)] } }) : [];
  return new Map(users.map((user) => [user._id, user.displayName]));
}

/** The active mutes of a room, for its moderators. */
export async function activeMutes(ctx: ServerContext, roomId: string): Promise<ChatMuteView[]> {
  const mutes = await mutesCollection(ctx).find({ spaceId: roomId, until: { $gt: Date.now() } }, { sort: { until: 1 }, limit: 200 });
  const known = await names(ctx, mutes.flatMap((mute) => [mute.userId, mute.by]));
  return mutes.map((mute) => ({ roomId, userId: mute.userId, userName: known.get(mute.userId) ?? '', until: mute.until, byName: known.get(mute.by) ?? '' }));
}

function tellMute(io: PreauServer | null, roomId: string, mute: { userId: string; userName: string; until: number | null }): void {
  // The muted user and the moderators learn it; the rest of the class does not need to.
  io?.to(userRoom(mute.userId)).to(moderatorsRoom(roomId)).emit('chat:muted', { roomId, ...mute });
}

/**
 * Mutes a user in a room for some minutes (enforced on every send by the server). The room's teachers and the
 * director cannot be muted; muting is theirs (`configure`), not pupil moderators'.
 */
export async function userMuter(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  room: SpaceDoc,
  input: { userId: string; minutes: number; reasonCode: ReasonCode },
): Promise<ChatMuteView> {
  const facts = roomFacts(room);
  const target = await ctx.services.directory.users.findOne({ _id: input.userId, schoolId: room.schoolId });
  if (!target) throw new AppError('NOT_FOUND', 'User not found');
  const auditTarget = { type: 'user', id: target._id, ownerId: target._id };
  if (!isChatConfigurer(state.actor, facts) || !mayBeMuted(await loadActor(ctx.services.directory, target), facts)) {
    throw await refuse(ctx, state, room, 'FORBIDDEN', 'chat:mute', auditTarget, 'This user cannot be muted by you');
  }
  const until = Date.now() + input.minutes * 60_000;
  await muteSetter(ctx, { schoolId: room.schoolId, spaceId: room._id, userId: target._id, until, by: state.user._id, reasonCode: input.reasonCode });
  await ctx.services.audit.record({
    schoolId: room.schoolId,
    actor: auditActorOf(state),
    origin: 'socket',
    event: 'chat.user_muted',
    target: auditTarget,
    context: auditContextOf(room),
    change: { fields: ['until'], beforeHash: null, afterHash: null },
    reason: `${input.minutes} min (${input.reasonCode})`,
  });
  tellMute(io, room._id, { userId: target._id, userName: target.displayName, until });
  return { roomId: room._id, userId: target._id, userName: target.displayName, until, byName: state.user.displayName };
}

export async function userUnmuter(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  room: SpaceDoc,
  input: { userId: string },
): Promise<{ userId: string }> {
  const auditTarget = { type: 'user', id: input.userId, ownerId: input.userId };
  if (!isChatConfigurer(state.actor, roomFacts(room))) throw await refuse(ctx, state, room, 'FORBIDDEN', 'chat:unmute', auditTarget, 'Teachers only');
  const mute = await mutesCollection(ctx).findOne({ spaceId: room._id, userId: input.userId });
  if (!mute) throw new AppError('NOT_FOUND', 'This user is not muted');
  await mutesCollection(ctx).deleteOne({ _id: mute._id });
  ctx.services.bus.emit('user.rightsChanged', mute.userId);
  await ctx.services.audit.record({
    schoolId: room.schoolId,
    actor: auditActorOf(state),
    origin: 'socket',
    event: 'chat.user_unmuted',
    target: auditTarget,
    context: auditContextOf(room),
    change: { fields: ['until'], beforeHash: null, afterHash: null },
  });
  const user = await ctx.services.directory.users.findOne({ _id: mute.userId });
  tellMute(io, room._id, { userId: mute.userId, userName: user?.displayName ?? '', until: null });
  return { userId: mute.userId };
}
