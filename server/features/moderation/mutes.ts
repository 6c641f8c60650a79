import type { AuditOrigin } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import type { ReasonCode } from '../../../shared/moderation/types';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import type { BaseDoc } from '../../storage/port';
import type { SpaceDoc } from '../spaces/model';

/** A user muted in a space until a time: they read, they cannot contribute. */
export interface MuteDoc extends BaseDoc {
  schoolId: string;
  spaceId: string;
  userId: string;
  until: number;
  by: string;
  reasonCode: string;
  createdAt: number;
}

export const mutesCollection = (ctx: ServerContext) => ctx.store.collection<MuteDoc>('mutes');
const muteId = (spaceId: string, userId: string): string => `${spaceId}:${userId}`;
const placeOf = (space: SpaceDoc) => ({ classId: space.scope.kind === 'class' ? space.scope.classId : null, spaceId: space._id });

/** Who mutes, from which screen, and why (the one mute event says so, whichever screen it came from). */
export interface MuteInput {
  state: AuthedRequestState;
  origin: AuditOrigin;
  space: SpaceDoc;
  userId: string;
  until: number;
  reasonCode: ReasonCode | string;
  /** The item that led to the mute, if any (from the console or a message's menu). */
  item?: { type: string; id: string } | null;
}

/**
 * Mutes (or re-mutes) a user in a space, from any screen (chat, pad, moderation console): one document per user
 * and space written by one atomic upsert (two mutes at once cannot collide), and the one `moderation.mute`
 * event, in one transaction. Connections re-check their rights (a pad turns read-only at once).
 */
export async function muteSetter(ctx: ServerContext, input: MuteInput): Promise<MuteDoc> {
  const { space, userId, until } = input;
  const now = Date.now();
  const mute = await auditedChange(ctx, async (record) => {
    const stored = await mutesCollection(ctx).findOneAndUpdate(
      { _id: muteId(space._id, userId) },
      { $set: { schoolId: space.schoolId, spaceId: space._id, userId, until, by: input.state.user._id, reasonCode: input.reasonCode }, $setOnInsert: { createdAt: now } },
      { upsert: true, returnDocument: 'after' },
    );
    await record({
      schoolId: space.schoolId,
      actor: auditActorOf(input.state),
      origin: input.origin,
      event: 'moderation.mute',
      target: { type: 'user', id: userId, ownerId: userId },
      context: placeOf(space),
      change: { fields: ['until'], after: { until } },
      reason: `${input.reasonCode} until ${new Date(until).toISOString()}${input.item ? ` (${input.item.type} ${input.item.id})` : ''}`,
    });
    return stored!;
  });
  await ctx.services.bus.publish('user.rightsChanged', userId);
  return mute;
}

/** Lifts a user's mute in a space (NOT_FOUND when not muted), with the one `moderation.unmute` event. */
export async function muteLifter(ctx: ServerContext, input: { state: AuthedRequestState; origin: AuditOrigin; space: SpaceDoc; userId: string }): Promise<MuteDoc> {
  const { space, userId } = input;
  const lifted = await auditedChange(ctx, async (record) => {
    const mute = await mutesCollection(ctx).findOne({ _id: muteId(space._id, userId) });
    if (!mute) throw new AppError('NOT_FOUND', 'This user is not muted');
    await mutesCollection(ctx).deleteOne({ _id: mute._id });
    await record({
      schoolId: space.schoolId,
      actor: auditActorOf(input.state),
      origin: input.origin,
      event: 'moderation.unmute',
      target: { type: 'user', id: userId, ownerId: userId },
      context: placeOf(space),
      change: { fields: ['until'], before: { until: mute.until } },
    });
    return mute;
  });
  await ctx.services.bus.publish('user.rightsChanged', userId);
  return lifted;
}

/** Until when a user is muted in a space, or null. Every feature checks it before accepting a contribution. */
export async function mutedUntil(ctx: ServerContext, spaceId: string, userId: string, now = Date.now()): Promise<number | null> {
  const mute = await mutesCollection(ctx).findOne({ _id: muteId(spaceId, userId) });
  return mute && mute.until > now ? mute.until : null;
}

type MutedSpace = { _id: string; schoolId: string; scope: { kind: string; classId?: string } };
type MutedTarget = { type: string; id: string | null; ownerId: string | null };

/**
 * The refusal of a contribution from a user muted in a space (every feature: chat, forum, wall): the denial is
 * audited like every other, and the error says until when (`issues[0].message`: the end, in ms since the epoch).
 */
export async function mutedRefusal(ctx: ServerContext, state: AuthedRequestState, origin: AuditOrigin, space: MutedSpace, action: string, target: MutedTarget, until: number): Promise<AppError> {
  await ctx.services.audit.record({
    schoolId: space.schoolId,
    actor: auditActorOf(state),
    origin,
    event: 'access.denied',
    target,
    context: { classId: space.scope.kind === 'class' ? (space.scope.classId ?? null) : null, spaceId: space._id },
    reason: `MUTED: ${action}`,
    status: 'denied',
  });
  return new AppError('MUTED', `Muted in this space until ${new Date(until).toISOString()}`, [{ path: 'until', message: String(until) }]);
}

/** Refuses (see `mutedRefusal`) when the caller is muted in this space. */
export async function assertNotMuted(ctx: ServerContext, state: AuthedRequestState, origin: AuditOrigin, space: MutedSpace, action: string, target: MutedTarget): Promise<void> {
  const until = await mutedUntil(ctx, space._id, state.user._id);
  if (until !== null) throw await mutedRefusal(ctx, state, origin, space, action, target, until);
}
