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
 * a pending or hidden one only by its author and by those who moderate the space; a deleted one by no one.
 * Notifications and feeds ask it for each recipient when they deliver, never earlier.
 */
export function canReadItem(actor: Actor | null, item: ItemResource): boolean {
  if (item.state === 'deleted' || !can(actor, 'read', item.space)) return false;
  if (item.state === 'visible') return true;
  return (actor !== null && item.authorId === actor.userId) || can(actor, 'moderate', item.space);
}
