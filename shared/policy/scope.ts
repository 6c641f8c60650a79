import type { Actor } from './actor';
import type { SpaceScope } from './resources';

/** The actor is a pupil or teacher member of the scope. */
export function belongsTo(actor: Actor, scope: SpaceScope): boolean {
  switch (scope.kind) {
    case 'class':
      return actor.pupilClassIds.includes(scope.classId) || actor.teacherClassIds.includes(scope.classId);
    case 'group':
      return actor.groupIds.includes(scope.groupId);
    case 'school':
      return true;
  }
}

/** The actor teaches the scope (a class they teach, a group they are a teacher member of, or any school space). */
export function teaches(actor: Actor, scope: SpaceScope): boolean {
  if (!actor.profiles.includes('teacher')) return false;
  switch (scope.kind) {
    case 'class':
      return actor.teacherClassIds.includes(scope.classId);
    case 'group':
      return actor.groupIds.includes(scope.groupId);
    case 'school':
      return true;
  }
}

/** One of the actor's children belongs to the scope: the parent's read access derives from it. */
export function childBelongsTo(actor: Actor, scope: SpaceScope): boolean {
  return actor.children.some((child) => {
    switch (scope.kind) {
      case 'class':
        return child.classIds.includes(scope.classId);
      case 'group':
        return child.groupIds.includes(scope.groupId);
      case 'school':
        return true;
    }
  });
}

/** The actor was a member of this class last year (archived by a new school year): they read it until its date. */
export function formerlyBelongsTo(actor: Actor, scope: SpaceScope): boolean {
  return scope.kind === 'class' && actor.formerClassIds.includes(scope.classId);
}

/** One of the actor's children was a member of this class last year: their parent reads it until its date. */
export function childFormerlyBelongsTo(actor: Actor, scope: SpaceScope): boolean {
  return scope.kind === 'class' && actor.children.some((child) => (child.formerClassIds ?? []).includes(scope.classId));
}
