import { z } from 'zod';
import type { SpaceScope, SpaceWriters } from '../policy/resources';

/** The kinds of collaborative spaces. Each kind is a feature folder on every side. */
export const SPACE_KINDS = ['wall', 'pad', 'forum', 'chat'] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];

export const SpaceScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('class'), classId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('group'), groupId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('school') }),
]);

export const SpaceWritersSchema = z.enum(['everyone', 'pupils', 'some', 'teachers']);

export const SpaceTitleSchema = z.string().trim().min(1).max(120);

/** A space as it leaves the server. `settings` are validated per kind (see `shared/<kind>/settings.ts`). */
export interface SpaceSummary {
  id: string;
  kind: SpaceKind;
  title: string;
  scope: SpaceScope;
  ownerId: string;
  ownerName: string;
  writers: SpaceWriters;
  writerIds: string[];
  parentsMayComment: boolean;
  locked: boolean;
  /** Pupils designated as moderators of this space by a teacher. */
  moderatorIds: string[];
  /** Read-only for everyone, still read by its members (« Archivé »); its teachers unarchive it. */
  archived: boolean;
  /** Colleague teachers who run the space as its teachers do (« Co-enseignants »). */
  coOwnerIds: string[];
  /** When it was put in the bin (« Corbeille »), or null: only the bin lists a deleted space. */
  deletedAt: number | null;
  settings: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  /** Increases with every settings change, so clients can drop stale updates. */
  version: number;
}

/**
 * What the viewer may do in a space, decided on the server by the policy table and sent with the space: the
 * client shows actions from these, never from profile names.
 */
export interface SpaceRights {
  read: boolean;
  /** Contribute where comments are open (pupils who may write, parents where the teacher allows). */
  comment: boolean;
  write: boolean;
  /** Teachers, the director, and the space's pupil moderators: hide pending review, approve first publications. */
  moderate: boolean;
  /** Teachers and the director: settings, lock, pupil moderators, reports, mutes, versions. */
  configure: boolean;
}

/** A space with the viewer's rights in it. */
export interface SpaceView extends SpaceSummary {
  rights: SpaceRights;
}

export const CreateSpaceSchema = z.object({
  kind: z.enum(SPACE_KINDS),
  title: SpaceTitleSchema,
  scope: SpaceScopeSchema,
  writers: SpaceWritersSchema.default('everyone'),
  writerIds: z.array(z.string().min(1).max(64)).max(60).default([]),
  parentsMayComment: z.boolean().default(false),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type CreateSpaceReq = z.infer<typeof CreateSpaceSchema>;

/**
 * A change of a space's settings. `version` is the version the change was made from: when someone changed the
 * space meanwhile, the change is refused with CONFLICT (and the current version), never merged into a stale read.
 */
export const UpdateSpaceSchema = z
  .object({
    title: SpaceTitleSchema,
    writers: SpaceWritersSchema,
    writerIds: z.array(z.string().min(1).max(64)).max(60),
    parentsMayComment: z.boolean(),
    locked: z.boolean(),
    settings: z.record(z.string(), z.unknown()),
  })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type UpdateSpaceReq = z.infer<typeof UpdateSpaceSchema>;

/** The Socket.IO room of a space: everyone viewing it. */
export const spaceRoom = (spaceId: string): string => `space:${spaceId}`;
