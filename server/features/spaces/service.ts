import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/policy/actor';
import { can } from '../../../shared/policy/can';
import { SPACE_SETTINGS_SCHEMAS } from '../../../shared/spaces/settings';
import { spaceRoom, type CreateSpaceReq, type SpaceSummary, type UpdateSpaceReq } from '../../../shared/spaces/types';
import { contentHash } from '../../audit/canonical';
import type { ServerContext } from '../../context';
import { zodIssues } from '../../http/errors';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { newId } from '../../storage/port';
import { presentSpace, scopeIdOf, spaceResource, spacesCollection, type SpaceDoc } from './model';

function validSettings(kind: SpaceDoc['kind'], settings: Record<string, unknown>): Record<string, unknown> {
  const parsed = SPACE_SETTINGS_SCHEMAS[kind].safeParse(settings);
  if (!parsed.success) throw new AppError('VALIDATION', 'Invalid settings', zodIssues(parsed.error).map((i) => ({ ...i, path: `settings.${i.path}` })));
  return parsed.data;
}

/** Loads a space of the actor's school, or throws NOT_FOUND (also for another school's space). */
export async function loadSpace(ctx: ServerContext, spaceId: string, schoolId: string): Promise<SpaceDoc> {
  const space = await spacesCollection(ctx.store).findOne({ _id: spaceId, schoolId, archived: false });
  if (!space) throw new AppError('NOT_FOUND', 'Space not found');
  return space;
}

/** Creates a space; the route has already checked `create` on its scope. */
export async function spaceCreator(ctx: ServerContext, state: AuthedRequestState, input: CreateSpaceReq): Promise<SpaceDoc> {
  const now = Date.now();
  const space = await spacesCollection(ctx.store).insertOne({
    _id: newId(now),
    schoolId: state.user.schoolId,
    kind: input.kind,
    title: input.title,
    scope: input.scope,
    scopeId: scopeIdOf(input.scope),
    ownerId: state.user._id,
    ownerName: state.user.displayName,
    writers: input.writers,
    writerIds: input.writerIds,
    parentsMayComment: input.parentsMayComment,
    locked: false,
    moderatorIds: [],
    settings: validSettings(input.kind, input.settings),
    createdAt: now,
    updatedAt: now,
    version: 1,
    archived: false,
  });
  await ctx.services.audit.record({
    schoolId: space.schoolId,
    actor: auditActorOf(state),
    origin: 'http',
    event: 'space.created',
    target: { type: space.kind, id: space._id, ownerId: space.ownerId },
    context: { classId: space.scope.kind === 'class' ? space.scope.classId : null, spaceId: space._id },
    change: { fields: ['title', 'scope', 'writers', 'settings'], beforeHash: null, afterHash: contentHash(presentSpace(space)) },
  });
  return space;
}

/**
 * Changes a space's settings and pushes the new state to everyone viewing it at once; other features react
 * through the bus (a pad re-checks its connections' rights).
 */
export async function spaceUpdater(
  ctx: ServerContext,
  origin: 'http' | 'socket',
  state: AuthedRequestState,
  space: SpaceDoc,
  input: UpdateSpaceReq,
  /** Why (a moderator locking the space from the console gives a reason code). */
  reason: string | null = null,
): Promise<SpaceSummary> {
  const changes: Partial<SpaceDoc> = { ...input, updatedAt: Date.now() };
  if (input.settings) changes.settings = validSettings(space.kind, { ...space.settings, ...input.settings });
  const updated = await spacesCollection(ctx.store).findOneAndUpdate(
    { _id: space._id },
    { $set: changes, $inc: { version: 1 } },
    { returnDocument: 'after' },
  );
  if (!updated) throw new AppError('NOT_FOUND', 'Space not found');
  const summary = presentSpace(updated);
  await ctx.services.audit.record({
    schoolId: space.schoolId,
    actor: auditActorOf(state),
    origin,
    event: input.locked !== undefined && input.locked !== space.locked ? (input.locked ? 'space.locked' : 'space.unlocked') : 'space.updated',
    target: { type: space.kind, id: space._id, ownerId: space.ownerId },
    context: { classId: space.scope.kind === 'class' ? space.scope.classId : null, spaceId: space._id },
    change: { fields: Object.keys(input), beforeHash: contentHash(presentSpace(space)), afterHash: contentHash(summary) },
    reason,
  });
  ctx.services.realtime.io?.to(spaceRoom(space._id)).emit('space:updated', summary);
  ctx.services.bus.emit('space.updated', summary);
  return summary;
}

/** The spaces an actor may read, newest first. */
export async function visibleSpaces(ctx: ServerContext, actor: Actor): Promise<SpaceDoc[]> {
  const all = await spacesCollection(ctx.store).find({ schoolId: actor.schoolId, archived: false }, { sort: { createdAt: -1 }, limit: 1_000 });
  return all.filter((space) => can(actor, 'read', spaceResource(space)));
}
