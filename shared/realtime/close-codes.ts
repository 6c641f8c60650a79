/**
 * WebSocket close codes used by the collab server (`/collab/<doc>`), shared with the client so it can tell the
 * user why the connection ended. 4000–4999 are reserved for applications by RFC 6455.
 */
export const COLLAB_CLOSE = {
  /** The server is restarting: reconnect after a short delay (RFC 6455 "Service Restart"). */
  SERVICE_RESTART: 1012,
  /** A frame was larger than COLLAB_MAX_MESSAGE_BYTES (RFC 6455 "Message Too Big"). */
  MESSAGE_TOO_BIG: 1009,
  /** A frame could not be decoded. */
  MALFORMED: 4400,
  /** No valid session came with the upgrade request. */
  UNAUTHENTICATED: 4401,
  /** The user may not open this document. */
  FORBIDDEN: 4403,
  /** The user's account is suspended. */
  SUSPENDED: 4423,
  /** The user must accept the current charter first. */
  CHARTER_REQUIRED: 4451,
  /** Too many messages. */
  RATE_LIMITED: 4429,
  /** The update would make the document larger than its limit (PAD_MAX_DOCUMENT_BYTES). */
  DOCUMENT_TOO_LARGE: 4413,
  /** The update holds content outside the editor's schema. */
  INVALID_CONTENT: 4422,
  /**
   * The update used a Yjs client id that belongs to another user (ids belong to the user who first used them in
   * the document): nothing of it was applied. The editor starts over with a fresh document (a new client id).
   */
  CLIENT_ID_TAKEN: 4409,
  /** The server cannot serve this connection right now (slow reader, store unavailable): reconnect later. */
  TRY_AGAIN_LATER: 1013,
} as const;

export type CollabCloseCode = (typeof COLLAB_CLOSE)[keyof typeof COLLAB_CLOSE];

/** The path prefix of the collab WebSocket endpoint. */
export const COLLAB_PATH_PREFIX = '/collab/';
