/**
 * Named limits shared by the server, the collab server and the client.
 * Every size, rate and count that Préau enforces lives here, so both sides agree and tests can refer to them.
 */

/** Largest JSON body accepted by the REST API. */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/** Largest Socket.IO message (engine.io `maxHttpBufferSize`). A larger frame closes that connection only. */
export const SOCKET_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** Largest WebSocket message accepted by the collab server. */
export const COLLAB_MAX_MESSAGE_BYTES = 1024 * 1024;

/** How long the server waits for in-flight work on SIGTERM before it exits anyway. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/** The delay a client should wait before reconnecting after the server announced a shutdown. */
export const RECONNECT_HINT_MS = 2_000;

/** Socket.IO ping interval and timeout: a dead school-network connection is noticed within ~45 s. */
export const SOCKET_PING_INTERVAL_MS = 20_000;
export const SOCKET_PING_TIMEOUT_MS = 25_000;

/**
 * The client's own heartbeat on its live connection: when nothing came from the server for this long, it sends a
 * `system:ping`; unanswered within the timeout, the connection is taken as lost (shown at once, then reopened), so
 * a silent network cut is shown within seconds instead of after the server's ping (above). The browser's
 * `offline` event is shown at once, without waiting for either.
 */
export const LIVE_HEARTBEAT_INTERVAL_MS = 5_000;
export const LIVE_HEARTBEAT_TIMEOUT_MS = 4_000;

/** Passwords: long enough to resist guessing, bounded so hashing cannot be abused. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** Longest string kept in a log line (a header, an origin, anything a client wrote); the rest is cut. */
export const LOG_STRING_MAX_CHARS = 256;
/** Log lines up to this length are written as they are; longer ones have their strings cut. */
export const LOG_LINE_UNCHECKED_CHARS = 1024;
/** No log line is longer than this. */
export const LOG_LINE_MAX_CHARS = 8192;

/** A session ends after this long without activity… */
export const SESSION_IDLE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/**
 * How often each process checks the sessions of its live connections (sockets, pads) against their expiry, in
 * memory: the store is read only for sessions due. An expired session's connections close within this.
 */
export const SESSION_LIVE_CHECK_INTERVAL_MS = 1_000;
/** Every session with live connections is read again from the store at least this often (ended on another node). */
export const SESSION_LIVE_REVALIDATE_MS = 30_000;

/** Views of one item by one user are logged at most once per this window. */
export const VIEW_LOG_COALESCE_MS = 10 * 60 * 1000;

/** Pupil lines in one CSV import (each may bring up to two guardians). */
export const IMPORT_MAX_ROWS = 60;

/**
 * With REDIS_URL, a socket that reconnects within this delay gets its rooms and the events it missed back (Socket.IO's
 * connection state recovery), once its session and its rights to every room are checked again.
 */
export const SOCKET_RECOVERY_MAX_DISCONNECTION_MS = 2 * 60 * 1000;
