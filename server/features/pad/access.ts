import { authorColor } from '../../../shared/pad/colors';
import { padAccess, type PadAccess } from '../../../shared/pad/policy';
import type { PadPerson } from '../../../shared/pad/types';
import type { Actor } from '../../../shared/policy/actor';
import type { ResourceOf } from '../../../shared/policy/resources';
import type { ServerContext } from '../../context';
import { mutesCollection } from '../moderation/mutes';
import type { SpaceDoc } from '../spaces/model';

/**
 * Pupils muted in a pad and until when. Mutes live in the moderation feature's collection (one per user and
 * space), so a mute from the moderation console and one from the pad are the same thing.
 */
export async function padMutes(ctx: ServerContext, spaceId: string, now = Date.now()): Promise<Map<string, number>> {
  const mutes = await mutesCollection(ctx).find({ spaceId, until: { $gt: now } });
  return new Map(mutes.map((mute) => [mute.userId, mute.until]));
}

/** A user's access to a pad right now. */
export function padAccessOf(actor: Actor | null, space: ResourceOf<'space'>, mutes: ReadonlyMap<string, number>, now = Date.now()): PadAccess {
  const muted = new Set<string>();
  for (const [userId, until] of mutes) if (until > now) muted.add(userId);
  return padAccess(actor, space, muted);
}

/** Names and colours of users, for presence, mutes and authors. Unknown ids get a neutral name. */
export async function padPeople(ctx: ServerContext, userIds: readonly string[]): Promise<Map<string, PadPerson>> {
  const unique = [...new Set(userIds)];
  const users = unique.length > 0 ? await ctx.services.directory.users.find({ _id: { $in: unique } }) : [];
  const people = new Map<string, PadPerson>();
  for (const id of unique) {
    const user = users.find((candidate) => candidate._id === id);
    people.set(id, { id, name: user?.displayName ?? '—', color: authorColor(id).caret });
  }
  return people;
}

/** The pupils of a pad's scope (for the mute menu). */
export async function scopePupils(ctx: ServerContext, space: SpaceDoc): Promise<PadPerson[]> {
  const { memberships, users } = ctx.services.directory;
  let pupilIds: string[];
  if (space.scope.kind === 'school') {
    pupilIds = (await users.find({ schoolId: space.schoolId, profiles: 'pupil', status: 'active' })).map((user) => user._id);
  } else {
    const targetId = space.scope.kind === 'class' ? space.scope.classId : space.scope.groupId;
    const members = await memberships.find({ targetId });
    pupilIds = members.filter((member) => member.role !== 'teacher').map((member) => member.userId);
  }
  const pupils = pupilIds.length > 0 ? await users.find({ _id: { $in: pupilIds }, profiles: 'pupil' }) : [];
  return pupils
    .map((user) => ({ id: user._id, name: user.displayName, color: authorColor(user._id).caret }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
