import type { AuditOrigin } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import type { BaseDoc } from '../../storage/port';

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

/** Mutes (or re-mutes) a user in a space; one document per user and space. */
export async function muteSetter(ctx: ServerContext, input: Omit<MuteDoc, '_id' | 'createdAt'>): Promise<MuteDoc> {
  const _id = `${input.spaceId}:${input.userId}`;
  await mutesCollection(ctx).replaceOne({ _id }, { ...input, createdAt: Date.now() }).then(async (matched) => {
    if (!matched) await mutesCollection(ctx).insertOne({ _id, ...input, createdAt: Date.now() });
  });
  ctx.services.bus.emit('user.rightsChanged', input.userId);
  return (await mutesCollection(ctx).findOne({ _id }))!;
}

/** Until when a user is muted in a space, or null. Every feature checks it before accepting a contribution. */
export async function mutedUntil(ctx: ServerContext, spaceId: string, userId: string, now = Date.now()): Promise<number | null> {
  const mute = await mutesCollection(ctx).findOne({ _id: `${spaceId}:${userId}` });
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
