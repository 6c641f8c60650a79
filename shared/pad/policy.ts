import type { Actor } from '../policy/actor';
import { can } from '../policy/can';
import type { ResourceOf } from '../policy/resources';
import type { PadAccessMessage } from './protocol';

/** What a user may do in a pad: write, read (and why not write), or nothing. */
export type PadAccess = PadAccessMessage | { mode: 'none' };

/**
 * A pad's access rule, built on `can()` on its space:
 * - no `read` → nothing;
 * - a pupil muted in this pad reads only (a mute wins over every other right of a pupil);
 * - moderators write, even when locked: teachers of the scope, the director, and the pupils designated on the
 *   space (`space.moderatorIds` as stored now, so a designation or revocation applies to open connections as
 *   soon as the space is re-read; a pupil moderator's `moderate` never reaches `configure`: no versions);
 * - an archived pad is read-only for everyone;
 * - otherwise `write` decides (the space's writers and its lock), and the reason is told when it says no.
 */
export function padAccess(actor: Actor | null, space: ResourceOf<'space'>, mutedUserIds: ReadonlySet<string> | readonly string[]): PadAccess {
  if (!actor || !can(actor, 'read', space)) return { mode: 'none' };
  const muted = 'has' in mutedUserIds ? mutedUserIds.has(actor.userId) : mutedUserIds.includes(actor.userId);
  const pupil = actor.profiles.includes('pupil');
  if (pupil && muted) return { mode: 'read', reason: 'muted' };
  // Archived: read-only for everyone, its moderators too (the table refuses `write`, and nobody writes over it).
  if (space.archived) return { mode: 'read', reason: 'archived' };
  if (can(actor, 'moderate', space)) return { mode: 'write' };
  if (can(actor, 'write', space)) return { mode: 'write' };
  if (space.locked && pupil && can(actor, 'write', { ...space, locked: false })) return { mode: 'read', reason: 'locked' };
  return { mode: 'read', reason: pupil ? 'writers' : 'reader' };
}
