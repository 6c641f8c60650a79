import type { Actor } from './actor';
import type { Action, Resource, SpaceResource } from './resources';
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
