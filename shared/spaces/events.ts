import { z } from 'zod';
import type { SpaceSummary } from './types';

const SpaceIdSchema = z.object({ spaceId: z.string().min(1).max(64) }).strict();

/** Joining and leaving a space's room: presence and live settings. */
export const spaceClientEvents = {
  'space:join': SpaceIdSchema,
  'space:leave': SpaceIdSchema,
} as const;

export interface SpaceClientResults {
  'space:join': { space: SpaceSummary; present: number };
  'space:leave': { left: true };
}

export interface SpaceServerEvents {
  /** The space's settings changed (who writes, locked, kind settings): apply at once. */
  'space:updated': (space: SpaceSummary) => void;
  /** How many people are viewing the space ("12 connectés"). */
  'space:presence': (presence: { spaceId: string; present: number }) => void;
}
