import { EventEmitter } from 'node:events';
import type { SpaceSummary } from '../shared/spaces/types';

/** Server-internal events, so features react to each other without importing each other. */
export interface BusEvents {
  /** A space's settings changed: connections must re-evaluate their rights (pads re-check read-only). */
  'space.updated': [space: SpaceSummary];
  /** A user's rights changed (suspension, profiles, memberships, moderator designation). */
  'user.rightsChanged': [userId: string];
}

export class Bus extends EventEmitter<BusEvents> {}
