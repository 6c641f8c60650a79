import { mayBeMuted } from '../../../shared/chat/policy';
import type { ChatMuteView } from '../../../shared/chat/types';
import type { ReasonCode } from '../../../shared/moderation/types';
import { AppError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import type { PreauServer } from '../../realtime/handlers';
import { userRoom } from '../../realtime/handlers';
import { moderatorsRoom } from '../../realtime/rights';
import { loadActor } from '../directory/actor';
import { muteLifter, muteSetter, mutesCollection } from '../moderation/mutes';
import { refusal } from '../spaces/access';
import type { SpaceDoc } from '../spaces/model';
import { roomFacts } from './rooms';

/*
 * Mutes are the moderation feature's (one mute per user and space, whether set from the chat or from the
 * moderation console, with the one `moderation.mute` / `moderation.unmute` event); the chat sets, lifts and
 * lists them here, and enforces them with `mutedUntil`. The edge asked `configure` on the room for both.
 */

async function names(ctx: ServerContext, ids: string[]): Promise<Map<string, string>> {
  const users = ids.length > 0 ? await ctx.services.directory.users.find({ _id: { $in: [...new Set(ids)] } }) : [];
  return new Map(users.map((user) => [user._id, user.displayName]));
}

/** The active mutes of a room, for those who run it. */
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
 * director cannot be muted; a second mute of the same user at once simply sets the same mute again.
 */
export async function userMuter(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  room: SpaceDoc,
  input: { userId: string; minutes: number; reasonCode: ReasonCode },
): Promise<ChatMuteView> {
  const target = await ctx.services.directory.users.findOne({ _id: input.userId, schoolId: room.schoolId });
  if (!target) throw new AppError('NOT_FOUND', 'User not found');
  if (!mayBeMuted(await loadActor(ctx.services.directory, target), roomFacts(room))) {
    throw await refusal(ctx, state, 'socket', room, 'chat:mute (runs the room)', { type: 'user', id: target._id, ownerId: target._id }, 'This user cannot be muted');
  }
  const until = Date.now() + input.minutes * 60_000;
  await muteSetter(ctx, { state, origin: 'socket', space: room, userId: target._id, until, reasonCode: input.reasonCode });
  tellMute(io, room._id, { userId: target._id, userName: target.displayName, until });
  return { roomId: room._id, userId: target._id, userName: target.displayName, until, byName: state.user.displayName };
}

export async function userUnmuter(ctx: ServerContext, io: PreauServer | null, state: AuthedRequestState, room: SpaceDoc, input: { userId: string }): Promise<{ userId: string }> {
  const lifted = await muteLifter(ctx, { state, origin: 'socket', space: room, userId: input.userId });
  const user = await ctx.services.directory.users.findOne({ _id: lifted.userId });
  tellMute(io, room._id, { userId: lifted.userId, userName: user?.displayName ?? '', until: null });
  return { userId: lifted.userId };
}
