import type { Profile } from '../identity/profiles';
import type { ItemState, ModeratedKind } from '../moderation/types';

/** Where a space lives: a class, a group, or the whole school. */
export type SpaceScope = { kind: 'class'; classId: string } | { kind: 'group'; groupId: string } | { kind: 'school' };

/** Who may write in a space, set by its teacher. */
export type SpaceWriters = 'everyone' | 'pupils' | 'some' | 'teachers';

/** The kinds of collaborative spaces (the same list as `SPACE_KINDS` in shared/spaces/types.ts). */
export type SpaceKindName = 'wall' | 'pad' | 'forum' | 'chat';

/** A space as policies see it: who may read, write and moderate it is decided from these facts only. */
export interface SpaceResource {
  type: 'space';
  schoolId: string;
  spaceId: string;
  kind: SpaceKindName;
  scope: SpaceScope;
  ownerId: string;
  writers: SpaceWriters;
  /** With writers = 'some': the pupils allowed to write. */
  writerIds?: string[];
  parentsMayComment: boolean;
  /**
   * Whether parents read this space. Always true but for the class chat, a conversation between the class and
   * its teachers that parents read only when the teacher opens it to them (its `parentsRead` setting).
   */
  parentsRead: boolean;
  locked: boolean;
  /** The pupils a teacher designated as moderators of this space, as stored now. */
  moderatorIds: string[];
  /** Archived: read-only for everyone (no contribution, whoever asks), still read by its members. */
  archived?: boolean;
  /** Colleague teachers the space's teachers made co-owners: they run it as its teachers do. */
  coOwnerIds?: string[];
}

/**
 * One contribution of a space (a chat message, a forum post, a wall card or comment, a pad), as moderation
 * policies see it: its author and its moderation state.
 */
export interface ItemResource {
  type: 'item';
  schoolId: string;
  space: SpaceResource;
  kind: ModeratedKind;
  itemId: string;
  authorId: string | null;
  state: ItemState;
  /** Pending and never published nor acted upon by a moderator: waiting for its first review. */
  firstReview: boolean;
  /** Held because it seems to hold personal information (the personal-information guard). */
  personalInfo: boolean;
  /** A published item whose author's change waits for review (pre-moderation holds every change). */
  pendingEdit: boolean;
}

/**
 * Everything a policy can be asked about. Each resource names its school, so no rule can reach across schools.
 */
export type Resource =
  | { type: 'school'; schoolId: string }
  | { type: 'administration'; schoolId: string }
  | { type: 'charter'; schoolId: string }
  | { type: 'class'; schoolId: string; classId: string }
  | { type: 'group'; schoolId: string; groupId: string }
  /** `profiles`: the account's profiles, when the question depends on them (credentials of staff, a director). */
  | { type: 'user'; schoolId: string; userId: string; profiles?: readonly Profile[] }
  | { type: 'session'; schoolId: string; userId: string }
  | { type: 'auditLog'; schoolId: string; classId?: string }
  /** Giving or taking back one profile (asked for each profile an account gains or loses). */
  | { type: 'profileGrant'; schoolId: string; profile: Profile }
  | SpaceResource
  | ItemResource;

export type ResourceType = Resource['type'];
export type ResourceOf<T extends ResourceType> = Extract<Resource, { type: T }>;

/** The moderation actions on one item (see `ItemResource`). */
export const ITEM_ACTIONS = ['approve', 'hide', 'restore', 'edit', 'delete', 'reject', 'mute'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

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
  'grant',
  'resetCredentials',
  'issueSignInCode',
  'export',
  /** Downloading everything Préau holds about a person (« Mes données »). */
  'exportData',
  /** Taking what pupils and parents wrote in a space into another scope (a duplication elsewhere): not for co-owners. */
  'carryPupilsWork',
  ...ITEM_ACTIONS,
  /**
   * Reading an item that is not published (pending, hidden, or the change waiting for review of a published one)
   * when it is not one's own: never a console button, so not an `ITEM_ACTIONS` entry (see `canReadItem`).
   */
  'readHeld',
] as const;
export type Action = (typeof ACTIONS)[number];
