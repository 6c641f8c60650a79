import type { Capabilities } from '../../../../shared/identity/api';
import type { ModerationScope } from '../../../../shared/moderation/types';

/** One choice of the console's scope: `school`, a class id, or `space:<id>`. */
export interface ScopeChoice {
  value: string;
  scope: ModerationScope;
  /** A class's or space's name when known (null: the school, or a name not loaded yet). */
  label: string | null;
}

const SPACE_PREFIX = 'space:';

/**
 * What a user may moderate, from the rights the server sent (`capabilities.moderation`): the whole school, the
 * classes they moderate, the spaces a teacher designated them for. Names come from what the user already reads.
 */
export function consoleScopes(moderation: Capabilities['moderation'], names: { classes: ReadonlyMap<string, string>; spaces: ReadonlyMap<string, string> }): ScopeChoice[] {
  return [
    ...(moderation.school ? [{ value: 'school', scope: { kind: 'school' } as const, label: null }] : []),
    ...moderation.classIds.map((classId) => ({ value: classId, scope: { kind: 'class', classId } as const, label: names.classes.get(classId) ?? null })),
    ...moderation.spaceIds.map((spaceId) => ({ value: `${SPACE_PREFIX}${spaceId}`, scope: { kind: 'space', spaceId } as const, label: names.spaces.get(spaceId) ?? null })),
  ];
}

/**
 * The scope shown: the one chosen while it is still allowed, else the first allowed (the school, a class, a
 * space); none when the user moderates nothing any more (a revoked pupil moderator's console closes).
 */
export function chosenScope(choices: readonly ScopeChoice[], choice: string): ScopeChoice | null {
  return choices.find((entry) => entry.value === choice) ?? choices[0] ?? null;
}
