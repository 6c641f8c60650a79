import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/policy/actor';
import { can } from '../../../shared/policy/can';
import { SPACE_SETTINGS_SCHEMAS } from '../../../shared/spaces/settings';
import type { CreateSpaceReq, SpaceSummary, UpdateSpaceReq } from '../../../shared/spaces/types';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { zodIssues } from '../../http/errors';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { newId } from '../../storage/port';
import { refuseCreationInArchivedClass } from './archived-class';
import { IN_SERVICE, presentSpace, scopeIdOf, spaceResource, spacesCollection, type SpaceDoc } from './model';

function validSettings(kind: SpaceDoc['kind'], settings: Record<string, unknown>): Record<string, unknown> {
  const parsed = SPACE_SETTINGS_SCHEMAS[kind].safeParse(settings);
  if (!parsed.success) throw new AppError('VALIDATION', 'Invalid settings', zodIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `settings.${i.path}` : 'settings' })));
  return parsed.data;
}

/** Loads a space of the actor's school, or throws NOT_FOUND (also for another school's space, or one in the bin). */
export async function loadSpace(ctx: ServerContext, spaceId: string, schoolId: string): Promise<SpaceDoc> {
  const space = await spacesCollection(ctx.store).findOne({ _id: spaceId, schoolId, ...IN_SERVICE });
  if (!space) throw new AppError('NOT_FOUND', 'Space not found');
  return space;
}

/** Creates a space; the route has already checked `create` on its scope. */
export async function spaceCreator(ctx: ServerContext, state: AuthedRequestState, input: CreateSpaceReq): Promise<SpaceDoc> {
  const now = Date.now();
  return auditedChange(ctx, async (record) => {
    await refuseCreationInArchivedClass(ctx, state.user.schoolId, input.scope);
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
      coOwnerIds: [],
      deletedAt: null,
    });
    await record({
      schoolId: space.schoolId,
      actor: auditActorOf(state),
      origin: 'http',
      event: 'space.created',
      target: { type: space.kind, id: space._id, ownerId: space.ownerId },
      context: spaceAuditContext(space),
      change: { fields: ['title', 'scope', 'writers', 'settings'], after: presentSpace(space) },
    });
    return space;
  });
}

/** The audit context of an event in a space: its class (if any) and the space. */
export function spaceAuditContext(space: SpaceDoc): { classId: string | null; spaceId: string } {
  return { classId: space.scope.kind === 'class' ? space.scope.classId : null, spaceId: space._id };
}

/**
 * Changes a space's settings and pushes the new state to everyone viewing it at once; other features react
 * through the bus (a pad re-checks its connections' rights). The change names the version it was made from:
 * a stale one is refused with CONFLICT, so two teachers saving at once never merge into a stale read.
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
  const { version, ...changes } = input;
  const summary = await auditedChange(ctx, async (record) => {
    const current = await spacesCollection(ctx.store).findOne({ _id: space._id, ...IN_SERVICE });
    if (!current) throw new AppError('NOT_FOUND', 'Space not found');
    if (current.archived) throw new AppError('FORBIDDEN', 'This space is archived: unarchive it first');
    if (current.version !== version) {
      throw new AppError('CONFLICT', `This space was changed meanwhile (now at version ${current.version}): reload it`, [{ path: 'version', message: String(current.version) }]);
    }
    const set: Partial<SpaceDoc> = { ...changes, updatedAt: Date.now() };
    if (changes.settings) set.settings = validSettings(current.kind, { ...current.settings, ...changes.settings });
    const updated = await spacesCollection(ctx.store).findOneAndUpdate({ _id: current._id, version }, { $set: set, $inc: { version: 1 } }, { returnDocument: 'after' });
    if (!updated) throw new AppError('CONFLICT', 'This space was changed meanwhile: reload it');
    const after = presentSpace(updated);
    await record({
      schoolId: current.schoolId,
      actor: auditActorOf(state),
      origin,
      event: changes.locked !== undefined && changes.locked !== current.locked ? (changes.locked ? 'space.locked' : 'space.unlocked') : 'space.updated',
      target: { type: current.kind, id: current._id, ownerId: current.ownerId },
      context: spaceAuditContext(current),
      change: { fields: Object.keys(changes), before: presentSpace(current), after },
      reason,
    });
    return after;
  });
  // Everyone viewing the space gets it with their own rights (the gateway listens to the bus).
  await ctx.services.bus.publish('space.updated', summary);
  return summary;
}

/** The spaces an actor may read, newest first. */
export async function visibleSpaces(ctx: ServerContext, actor: Actor): Promise<SpaceDoc[]> {
  const all = await spacesCollection(ctx.store).find({ schoolId: actor.schoolId, ...IN_SERVICE }, { sort: { createdAt: -1 }, limit: 1_000 });
  return all.filter((space) => can(actor, 'read', spaceResource(space)));
}
