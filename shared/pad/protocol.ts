import type { PiiKind } from '../pii/detect';

/**
 * The pad's wire protocol on `/collab/pad:<spaceId>`: y-websocket's messages (sync, awareness) plus three
 * Préau messages: ACCESS, which tells the editor at once whether it may write, and why not; NOTICE, which tells
 * a writer something about what they wrote (the personal-information guard); REFUSED, which tells a writer that
 * updates it sent were not applied, and what to do about it.
 */

/** y-websocket's message types, and Préau's. */
export const COLLAB_MESSAGE = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
  /** Server → client: the connection's access changed (JSON `PadAccessMessage`). */
  ACCESS: 20,
  /** Server → client: something about what this user wrote (JSON `PadNotice`). */
  NOTICE: 21,
  /** Server → client: updates this connection sent were not applied (JSON `PadRefusal`). */
  REFUSED: 22,
} as const;

/** y-protocols' sync sub-types. */
export const SYNC_STEP = { STEP1: 0, STEP2: 1, UPDATE: 2 } as const;

/** Why a connection is read-only, for the message the editor shows. */
export const READ_ONLY_REASONS = ['reader', 'writers', 'locked', 'muted', 'archived'] as const;
export type ReadOnlyReason = (typeof READ_ONLY_REASONS)[number];

/** The ACCESS message's payload. */
export type PadAccessMessage = { mode: 'write' } | { mode: 'read'; reason: ReadOnlyReason };

/**
 * The NOTICE message's payload. `personalInfo`: the pupil's text seems to hold personal information; the pad
 * was reported to the teachers, who will read it again (a pad's text is co-written live, so it cannot be held
 * back like a message: it is reported instead).
 */
export type PadNotice = { kind: 'personalInfo'; kinds: PiiKind[] };

/**
 * The REFUSED message's payload.
 * - `diverged`: refused for good (the connection was read-only: muted, locked, no longer a writer; or the update
 *   continued a client id refused earlier). The client's document now holds what the server will never accept
 *   under that client id, so the editor starts over from the server's document with a fresh one (a new client id)
 *   and shows the user what was not kept.
 * - `rateLimited`: too many updates from this user; nothing is lost: the client keeps them and the server asks for
 *   them again (sync step 1) after `retryAfterMs`.
 */
export type PadRefusal = { kind: 'diverged' } | { kind: 'rateLimited'; retryAfterMs: number };

/** The Yjs root the Tiptap Collaboration extension binds to. */
export const PAD_FRAGMENT = 'default';

const PREFIX = 'pad:';

/** The collab document name of a pad. */
export const padDocumentName = (spaceId: string): string => `${PREFIX}${spaceId}`;

/** The space id of a pad's document name, or null for any other document. */
export function spaceIdOfDocument(name: string): string | null {
  return name.startsWith(PREFIX) && name.length > PREFIX.length ? name.slice(PREFIX.length) : null;
}
