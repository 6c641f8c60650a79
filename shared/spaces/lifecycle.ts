import { z } from 'zod';

/** Archiving (true) or unarchiving (false) a space: read-only for everyone while archived. */
export const ArchiveSpaceSchema = z.object({ archived: z.boolean() }).strict();
export type ArchiveSpaceReq = z.infer<typeof ArchiveSpaceSchema>;

/** Adding a colleague teacher of the school as a co-owner of a space. */
export const CoOwnerSchema = z.object({ userId: z.string().min(1).max(64) }).strict();
export type CoOwnerReq = z.infer<typeof CoOwnerSchema>;

/** A teacher of the school who may be made a co-owner of a space (« Ajouter un collègue »). */
export interface ColleagueView {
  id: string;
  displayName: string;
  /** Already a co-owner of this space. */
  coOwner: boolean;
}

/**
 * What an event that changes an archived space asks instead of `configure` or `moderate` (posting on a closed
 * wall, arranging cards, reordering sections): `write`, which the policy table refuses on an archived space, so
 * nothing changes it but its unarchiving. Reading, exporting and moderation actions on items go on.
 */
export function archivedAsks<A extends string>(space: { archived?: boolean }, action: A): A | 'write' {
  return space.archived && (action === 'configure' || action === 'moderate') ? 'write' : action;
}
