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
  settings: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  /** Increases with every settings change, so clients can drop stale updates. */
  version: number;
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

export const UpdateSpaceSchema = z
  .object({
    title: SpaceTitleSchema,
    writers: SpaceWritersSchema,
    writerIds: z.array(z.string().min(1).max(64)).max(60),
    parentsMayComment: z.boolean(),
    locked: z.boolean(),
    settings: z.record(z.string(), z.unknown()),
  })
  .partial();
export type UpdateSpaceReq = z.infer<typeof UpdateSpaceSchema>;

/** The Socket.IO room of a space: everyone viewing it. */
export const spaceRoom = (spaceId: string): string => `space:${spaceId}`;
