import type { AuditEventName } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/policy/actor';
import { can } from '../../../shared/policy/can';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { SPACE_BIN_RETENTION_DAYS } from '../../../shared/spaces/limits';
import { auditedChange } from '../../audit/command';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import type { Filter } from '../../storage/port';
import { refuseUnarchivingInArchivedClass } from './archived-class';
import { IN_SERVICE, presentSpace, spaceResource, spacesCollection, type SpaceDoc } from './model';
import { spaceAuditContext } from './service';

const DAY_MS = 86_400_000;

/** What one lifecycle change does to a space: the stored space it applies to, the change, and its audit event. */
interface LifecycleChange {
  /** Which stored state the change applies to (in service, or in the bin). */
  where: Filter;
  set: Partial<SpaceDoc>;
  event: AuditEventName;
  fields: string[];
  /** The user the change is about (a co-owner), when it is not the space itself. */
  about?: string;
  /** Refuses the change when the space already is in the state asked for. */
  already?: (space: SpaceDoc) => string | null;
  /** Extra updates with the change (a co-owner added or removed). */
  update?: Record<string, unknown>;
}

/**
 * One change of a space's life (archive, bin, restore, co-owners), with its audit event, in one transaction;
 * then everyone viewing the space gets it with their own rights (the bus: gateway, pads, caches), and those
 * whose rights it changed are told.
 */
export async function lifecycleChanger(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, change: LifecycleChange): Promise<SpaceSummary> {
  const summary = await auditedChange(ctx, async (record) => {
    const current = await spacesCollection(ctx.store).findOne({ _id: space._id, schoolId: space.schoolId, ...change.where });
    if (!current) throw new AppError('NOT_FOUND', 'Space not found');
    const already = change.already?.(current);
    if (already) throw new AppError('CONFLICT', already);
    const updated = await spacesCollection(ctx.store).findOneAndUpdate(
      { _id: current._id, version: current.version },
      { ...change.update, $set: { ...change.set, updatedAt: Date.now() }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    if (!updated) throw new AppError('CONFLICT', 'This space was changed meanwhile: reload it');
    const before = presentSpace(current);
    const after = presentSpace(updated);
    await record({
      schoolId: current.schoolId,
      actor: auditActorOf(state),
      origin: 'http',
      event: change.event,
      target: change.about ? { type: 'user', id: change.about, ownerId: change.about } : { type: current.kind, id: current._id, ownerId: current.ownerId },
      context: spaceAuditContext(current),
      change: { fields: change.fields, before: pick(before, change.fields), after: pick(after, change.fields) },
    });
    return after;
  });
  if (change.about) await ctx.services.bus.publish('user.rightsChanged', change.about);
  await ctx.services.bus.publish('space.updated', summary);
  return summary;
}

const pick = (summary: SpaceSummary, fields: string[]): Record<string, unknown> =>
  Object.fromEntries(fields.map((field) => [field, (summary as unknown as Record<string, unknown>)[field]]));

/** Archives (read-only for everyone, still read by its members) or unarchives a space. */
export async function spaceArchiver(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, archived: boolean): Promise<SpaceSummary> {
  if (!archived) await refuseUnarchivingInArchivedClass(ctx, space.schoolId, space.scope);
  return lifecycleChanger(ctx, state, space, {
    where: IN_SERVICE,
    set: { archived },
    event: archived ? 'space.archived' : 'space.unarchived',
    fields: ['archived'],
    already: (current) => (current.archived === archived ? (archived ? 'This space is already archived' : 'This space is not archived') : null),
  });
}

/** Puts a space in the bin: gone for its members, restorable by those who configure it until the purge. */
export function spaceBinner(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc): Promise<SpaceSummary> {
  return lifecycleChanger(ctx, state, space, { where: IN_SERVICE, set: { deletedAt: serverNow(ctx) }, event: 'space.deleted', fields: ['deletedAt'] });
}

/** Brings a space back from the bin, with everything it held. */
export function spaceRestorer(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc): Promise<SpaceSummary> {
  // A space whose time in the bin is over belongs to the purge (which may be deleting its files right now).
  const cutoff = serverNow(ctx) - SPACE_BIN_RETENTION_DAYS * DAY_MS;
  return lifecycleChanger(ctx, state, space, {
    where: IN_BIN,
    set: { deletedAt: null },
    event: 'space.restored',
    fields: ['deletedAt'],
    already: (current) => ((current.deletedAt ?? 0) <= cutoff ? 'Le délai de la corbeille est passé : cet espace va être supprimé définitivement' : null),
  });
}

/** The filter of spaces in the bin. */
export const IN_BIN = { deletedAt: { $gt: 0 } } as const;

/** A space of this school in the bin, or NOT_FOUND. */
export async function loadBinnedSpace(ctx: ServerContext, spaceId: string, schoolId: string): Promise<SpaceDoc> {
  const space = await spacesCollection(ctx.store).findOne({ _id: spaceId, schoolId, ...IN_BIN });
  if (!space) throw new AppError('NOT_FOUND', 'Space not found in the bin');
  return space;
}

/** The bin of an actor: the deleted spaces they may configure (their teachers, co-owners, the director), newest first. */
export async function binOf(ctx: ServerContext, actor: Actor): Promise<SpaceDoc[]> {
  const binned = await spacesCollection(ctx.store).find({ schoolId: actor.schoolId, ...IN_BIN }, { sort: { deletedAt: -1 }, limit: 1_000 });
  return binned.filter((space) => can(actor, 'configure', spaceResource(space)));
}
