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
} as const;

export type CollabCloseCode = (typeof COLLAB_CLOSE)[keyof typeof COLLAB_CLOSE];

/** The path prefix of the collab WebSocket endpoint. */
export const COLLAB_PATH_PREFIX = '/collab/';
