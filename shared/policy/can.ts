import type { Actor } from './actor';
import type { Action, ItemResource, Resource, SpaceResource } from './resources';
import { RULES, type Rule } from './rules';

/** The rules that apply to a resource type and action, indexed once. */
const index = new Map<string, Rule[]>();
for (const rule of RULES) {
  for (const action of rule.actions) {
    const key = `${rule.resource}:${action}`;
    index.set(key, [...(index.get(key) ?? []), rule]);
  }
}

/**
 * The one authorization question, asked by REST routes, socket handlers and the collab server alike.
 * Denies anything across schools and anything by an account that is not active.
 */
export function can(actor: Actor | null, action: Action, resource: Resource): boolean {
  if (!actor || actor.status !== 'active') return false;
  if (actor.schoolId !== resource.schoolId) return false;
  const rules = index.get(`${resource.type}:${action}`);
  if (!rules) return false;
  return rules.some(
    (rule) =>
      (rule.profiles === 'any' || rule.profiles.some((profile) => actor.profiles.includes(profile))) &&
      rule.when(actor, resource as never),
  );
}

/** The rights of an actor in a space, each asked to the table (sent to the client with the space). */
export function spaceRightsOf(actor: Actor | null, space: SpaceResource): { read: boolean; comment: boolean; write: boolean; moderate: boolean; configure: boolean } {
  return {
    read: can(actor, 'read', space),
    comment: can(actor, 'comment', space),
    write: can(actor, 'write', space),
    moderate: can(actor, 'moderate', space),
    configure: can(actor, 'configure', space),
  };
}

/**
 * Whether an actor may read one contribution now, asked to the table: a published item by whoever reads its space;
 * a pending or hidden one by its author and by those the table lets read held items (`readHeld`: its teachers and
 * the director; a pupil moderator only a first publication they may approve); a deleted one by no one.
 * Notifications, feeds, consoles and every space's views ask it for each viewer when they deliver, never earlier.
 */
export function canReadItem(actor: Actor | null, item: ItemResource): boolean {
  if (item.state === 'deleted' || !can(actor, 'read', item.space)) return false;
  if (item.state === 'visible' || ownsItem(actor, item)) return true;
  return can(actor, 'readHeld', item);
}

/**
 * Whether an actor may read the change waiting for review of a published item (or of a pending one): its author
 * and those who run the space only (`readHeld` on the item as a pending change), never a pupil moderator.
 */
export function canReadPendingChange(actor: Actor | null, item: ItemResource, changeAuthorId: string | null = null): boolean {
  if (!canReadItem(actor, item)) return false;
  if (ownsItem(actor, item) || (actor !== null && changeAuthorId === actor.userId)) return true;
  return can(actor, 'readHeld', { ...item, state: 'pending', pendingEdit: true, firstReview: false });
}

const ownsItem = (actor: Actor | null, item: ItemResource): boolean => actor !== null && item.authorId !== null && item.authorId === actor.userId;
