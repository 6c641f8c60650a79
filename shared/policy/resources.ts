/** Where a space lives: a class, a group, or the whole school. */
export type SpaceScope = { kind: 'class'; classId: string } | { kind: 'group'; groupId: string } | { kind: 'school' };

/** Who may write in a space, set by its teacher. */
export type SpaceWriters = 'everyone' | 'pupils' | 'some' | 'teachers';

/**
 * Everything a policy can be asked about. Each resource names its school, so no rule can reach across schools.
 */
export type Resource =
  | { type: 'school'; schoolId: string }
  | { type: 'administration'; schoolId: string }
  | { type: 'charter'; schoolId: string }
  | { type: 'class'; schoolId: string; classId: string }
  | { type: 'group'; schoolId: string; groupId: string }
  | { type: 'user'; schoolId: string; userId: string }
  | { type: 'session'; schoolId: string; userId: string }
  | { type: 'auditLog'; schoolId: string; classId?: string }
  | {
      type: 'space';
      schoolId: string;
      spaceId: string;
      scope: SpaceScope;
      ownerId: string;
      writers: SpaceWriters;
      /** With writers = 'some': the pupils allowed to write. */
      writerIds?: string[];
      parentsMayComment: boolean;
      locked: boolean;
    };

export type ResourceType = Resource['type'];
export type ResourceOf<T extends ResourceType> = Extract<Resource, { type: T }>;

/** Every action a policy can be asked about. */
export const ACTIONS = [
  'read',
  'comment',
  'write',
  'moderate',
  'configure',
  'create',
  'administer',
  'manage',
  'suspend',
  'readActivity',
  'readAudit',
  'verifyAudit',
  'accept',
] as const;
export type Action = (typeof ACTIONS)[number];
