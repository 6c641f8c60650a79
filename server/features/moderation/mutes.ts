import type { ServerContext } from '../../context';
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
