import { moderationRoom } from '../../shared/moderation/types';
import type { Actor } from '../../shared/policy/actor';
import { can } from '../../shared/policy/can';
import { spaceRoom, type SpaceSummary } from '../../shared/spaces/types';
import type { ServerContext } from '../context';
import { loadActor } from '../features/directory/actor';
import { presentSpaceFor, spaceResource, spacesCollection, type SpaceDoc } from '../features/spaces/model';
import { userRoom, type PreauServer, type PreauSocket } from './handlers';

type RemoteSocket = Awaited<ReturnType<PreauServer['fetchSockets']>>[number];
type AnySocket = PreauSocket | RemoteSocket;

/** The room of a space's moderators (chat and forum): they receive originals where others get redacted views. */
export const moderatorsRoom = (spaceId: string): string => `moderators:${spaceId}`;

/**
 * The room of a space's moderators by position (its teachers, the director), never of designated pupils (walls).
 * Pupil moderators are reached through their viewer room, named from the `moderatorIds` of the space the
 * operation loaded: a revocation counts from the next operation, whenever the sockets' room moves land.
 */
export const staffRoom = (spaceId: string): string => `staff:${spaceId}`;

const VIEWER_PREFIX = 'viewer:';
/** The room of one user's sockets viewing one space (their own pending work reaches them there, and nowhere else). */
export const viewerRoom = (spaceId: string, userId: string): string => `${VIEWER_PREFIX}${spaceId}:${userId}`;

type RoomNeed = { spaceId: string; action: 'read' | 'moderate'; byPosition?: true } | { classId: string } | { school: true };

/**
 * Which right each kind of room needs, from its name: a space's room and its viewers' rooms need `read`, its
 * moderators' rooms `moderate` (the staff room, `moderate` without any designation).
 */
function roomNeed(room: string): RoomNeed | null {
  if (room.startsWith(moderationRoom.space(''))) return { spaceId: room.slice(moderationRoom.space('').length), action: 'moderate' };
  if (room.startsWith(moderationRoom.class(''))) return { classId: room.slice(moderationRoom.class('').length) };
  if (room.startsWith(moderationRoom.school(''))) return { school: true };
  if (room.startsWith(moderatorsRoom(''))) return { spaceId: room.slice(moderatorsRoom('').length), action: 'moderate' };
  if (room.startsWith(staffRoom(''))) return { spaceId: room.slice(staffRoom('').length), action: 'moderate', byPosition: true };
  if (room.startsWith(VIEWER_PREFIX)) return { spaceId: room.slice(VIEWER_PREFIX.length).split(':')[0]!, action: 'read' };
  if (room.startsWith(spaceRoom(''))) return { spaceId: room.slice(spaceRoom('').length), action: 'read' };
  return null;
}

/** Whether this actor may be in a room of this space that needs `need` (see `roomNeed`). */
export function allowedInSpaceRoom(actor: Actor, space: SpaceDoc, need: { action: 'read' | 'moderate'; byPosition?: true }): boolean {
  const resource = spaceResource(space);
  return can(actor, need.action, need.byPosition ? { ...resource, moderatorIds: [] } : resource);
}

/** Whether this actor may be in this room now (rooms that need no right, a user's or a session's, always). */
function roomAllowed(actor: Actor, room: string, spaces: ReadonlyMap<string, SpaceDoc>): boolean {
  const need = roomNeed(room);
  if (!need) return true;
  if ('spaceId' in need) {
    const space = spaces.get(need.spaceId);
    return space !== undefined && allowedInSpaceRoom(actor, space, need);
  }
  if ('classId' in need) return can(actor, 'moderate', { type: 'class', schoolId: actor.schoolId, classId: need.classId });
  return can(actor, 'moderate', { type: 'school', schoolId: actor.schoolId });
}

/**
 * Makes a socket's rooms follow its user's current rights: it leaves every room it may no longer be in (a
 * revoked pupil moderator leaves the consoles and the moderators' rooms at once, a parent leaves a class chat
 * closed to parents). Rooms it may now join are joined by the client, which is told its rights changed.
 */
async function roomsFollowRights(socket: AnySocket, actor: Actor, spaces: ReadonlyMap<string, SpaceDoc>): Promise<boolean> {
  let left = false;
  for (const room of [...socket.rooms]) {
    if (roomAllowed(actor, room, spaces)) continue;
    socket.leave(room);
    left = true;
  }
  return left;
}

/** The spaces named by these rooms (those in the bin left out: no room of theirs is allowed). */
async function spacesOfRoomNames(ctx: ServerContext, rooms: Iterable<string>): Promise<Map<string, SpaceDoc>> {
  const ids = new Set<string>();
  for (const room of rooms) {
    const need = roomNeed(room);
    if (need && 'spaceId' in need) ids.add(need.spaceId);
  }
  const spaces = ids.size > 0 ? await spacesCollection(ctx.store).find({ _id: { $in: [...ids] }, deletedAt: null }) : [];
  return new Map(spaces.map((space) => [space._id, space]));
}

/** The spaces named by the rooms of these sockets. */
const spacesOfRooms = (ctx: ServerContext, sockets: readonly AnySocket[]): Promise<Map<string, SpaceDoc>> =>
  spacesOfRoomNames(ctx, sockets.flatMap((socket) => [...socket.rooms]));

/** Whether this actor may be in every one of these rooms now (a recovered connection's rooms: see recovery.ts). */
export async function allowedInEveryRoom(ctx: ServerContext, actor: Actor, rooms: readonly string[]): Promise<boolean> {
  const spaces = await spacesOfRoomNames(ctx, rooms);
  return rooms.every((room) => roomAllowed(actor, room, spaces));
}

/** A socket's rooms follow its user's current rights (a recovered socket, whose rooms were restored). */
export async function socketRoomsFollowRights(ctx: ServerContext, socket: PreauSocket, actor: Actor): Promise<boolean> {
  return roomsFollowRights(socket, actor, await spacesOfRooms(ctx, [socket]));
}

/**
 * A user's rights changed (designated or revoked as a moderator, muted, memberships…): this node's sockets of that
 * user reload their actor (the next event is decided on the new rights), leave the rooms they may no longer be in,
 * and their tabs are told to reload what depends on their rights.
 */
export async function rightsRefresher(ctx: ServerContext, io: PreauServer, userId: string): Promise<void> {
  const user = await ctx.services.directory.users.findOne({ _id: userId });
  if (!user) return;
  const actor = await loadActor(ctx.services.directory, user);
  const sockets = await io.in(userRoom(userId)).local.fetchSockets();
  const spaces = await spacesOfRooms(ctx, sockets);
  for (const socket of sockets) {
    socket.data.state = { ...socket.data.state, user, actor };
    await roomsFollowRights(socket, actor, spaces);
    socket.emit('rights:changed', { spaceId: null });
  }
}

/**
 * A space changed (its writers, its lock, who moderates it, whether parents read it): everyone viewing it gets
 * the new space with their own rights, and leaves its rooms if they may no longer be there (then told so).
 */
export async function spaceViewersRefresher(ctx: ServerContext, io: PreauServer, summary: SpaceSummary): Promise<void> {
  const space = await spacesCollection(ctx.store).findOne({ _id: summary.id });
  if (!space) return;
  // A space put in the bin: no room of its is allowed any more, so everyone viewing it leaves and is told.
  const spaces = new Map(space.deletedAt ? [] : [[space._id, space]]);
  const rooms = [spaceRoom(space._id), moderatorsRoom(space._id), moderationRoom.space(space._id)];
  for (const socket of await io.in(rooms).local.fetchSockets()) {
    const actor = socket.data.state?.actor;
    if (!actor) continue;
    const left = await roomsFollowRights(socket, actor, spaces);
    if (socket.rooms.has(spaceRoom(space._id))) socket.emit('space:updated', presentSpaceFor(actor, space));
    // Put out of the space (a parent when the teacher closes the class chat to parents): their page is told, so it
    // does not silently go stale.
    else if (left) socket.emit('rights:changed', { spaceId: space._id });
  }
}

/**
 * This node may have missed rights changes made on others (`cluster.resync`): every user with a socket here is
 * refreshed as on `user.rightsChanged`, and the sockets of a user no longer active are closed.
 */
export async function resyncSockets(ctx: ServerContext, io: PreauServer): Promise<void> {
  const users = new Set<string>();
  for (const socket of io.of('/').sockets.values()) {
    const userId = (socket.data.state as { user?: { _id: string } } | undefined)?.user?._id;
    if (userId) users.add(userId);
  }
  for (const userId of users) {
    const user = await ctx.services.directory.users.findOne({ _id: userId });
    if (!user || user.status !== 'active') io.in(userRoom(userId)).local.disconnectSockets(true);
    else await rightsRefresher(ctx, io, userId);
  }
}
