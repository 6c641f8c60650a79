import { PinCardSchema, ReorderSectionsSchema } from './layout';
import type { WallSection } from './settings';
import {
  CardRefSchema,
  CommentRefSchema,
  CreateCardSchema,
  CreateCommentSchema,
  DeleteCardSchema,
  EditCardSchema,
  MoveCardSchema,
  ReactCardSchema,
  SyncSchema,
  type WallCard,
  type WallComment,
  type WallLock,
  type WallSyncResult,
} from './types';

/**
 * The wall's client-to-server events. Every one is validated with its schema at the gateway, authorized by
 * `can()` and then by the wall's own rules (`shared/wall/policy.ts`), persisted, audited, broadcast to the
 * space's room, and answered through its ack.
 */
export const wallClientEvents = {
  'wall:sync': SyncSchema,
  'wall:card:create': CreateCardSchema,
  'wall:card:edit': EditCardSchema,
  'wall:card:move': MoveCardSchema,
  'wall:card:delete': DeleteCardSchema,
  'wall:card:react': ReactCardSchema,
  'wall:card:approve': CardRefSchema,
  'wall:card:lock': CardRefSchema,
  'wall:card:unlock': CardRefSchema,
  'wall:comment:create': CreateCommentSchema,
  'wall:comment:delete': CommentRefSchema,
  'wall:sections:reorder': ReorderSectionsSchema,
  'wall:card:pin': PinCardSchema,
} as const;

export interface WallClientResults {
  'wall:sync': WallSyncResult;
  'wall:card:create': { card: WallCard };
  /** On a stale `version` the ack is `{ ok: false, code: 'CONFLICT' }` and nothing is written. */
  'wall:card:edit': { card: WallCard };
  'wall:card:move': { card: WallCard };
  'wall:card:delete': { cardId: string };
  'wall:card:react': { card: WallCard };
  'wall:card:approve': { card: WallCard };
  /** Refused with CONFLICT (and the holder's name in the message) while someone else holds it. */
  'wall:card:lock': WallLock;
  'wall:card:unlock': WallLock;
  'wall:comment:create': { comment: WallComment };
  'wall:comment:delete': { commentId: string };
  /** The sections as now ordered; everyone viewing the wall gets the new settings with `space:updated`. */
  'wall:sections:reorder': { sections: WallSection[] };
  'wall:card:pin': { card: WallCard };
}

/** A card one may no longer see (deleted, hidden, or taken back for review), as of operation `seq`. */
export interface WallCardGone {
  spaceId: string;
  cardId: string;
  seq: number;
}

/** A comment one may no longer see, as of operation `seq`. */
export interface WallCommentGone {
  spaceId: string;
  cardId: string;
  commentId: string;
  seq: number;
}

/** One change of a wall's items as it reaches a viewer: alone as its own event, or as an entry of `wall:changes`. */
export type WallChange =
  | { event: 'wall:card'; data: WallCard }
  | { event: 'wall:cardDeleted'; data: WallCardGone }
  | { event: 'wall:comment'; data: WallComment }
  | { event: 'wall:commentDeleted'; data: WallCommentGone };

export interface WallServerEvents {
  /** A card was created or changed (content, place, reactions, approval, comment count): replace it if newer. */
  'wall:card': (card: WallCard) => void;
  'wall:cardDeleted': (info: WallCardGone) => void;
  'wall:comment': (comment: WallComment) => void;
  'wall:commentDeleted': (info: WallCommentGone) => void;
  /**
   * Several changes of one wall for the same viewers within `WALL_BROADCAST_WINDOW_MS`, in one frame: apply each
   * entry in order, as if it had come as its own event (a change alone comes as its own event).
   */
  'wall:changes': (changes: WallChange[]) => void;
  /** Someone started or stopped editing a card. */
  'wall:lock': (lock: WallLock) => void;
}
