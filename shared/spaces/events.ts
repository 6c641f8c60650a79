import { z } from 'zod';
import type { SpaceRights, SpaceView } from './types';

const SpaceIdSchema = z.object({ spaceId: z.string().min(1).max(64) }).strict();

/** Joining and leaving a space's room: presence and live settings. */
export const spaceClientEvents = {
  'space:join': SpaceIdSchema,
  'space:leave': SpaceIdSchema,
} as const;

export interface SpaceClientResults {
  'space:join': { space: SpaceView; present: number; rights: SpaceRights };
  'space:leave': { left: true };
}

export interface SpaceServerEvents {
  /** The space's settings changed (who writes, locked, kind settings): apply at once, with the viewer's new rights. */
  'space:updated': (space: SpaceView) => void;
  /**
   * The viewer's rights changed (a teacher designated or revoked them as a moderator, a mute, their memberships):
   * reload what depends on them (the space's rights, the console) without a reload of the page.
   */
  'rights:changed': (change: { spaceId: string | null }) => void;
  /** How many people are viewing the space ("12 connectés"). */
  'space:presence': (presence: { spaceId: string; present: number }) => void;
}
