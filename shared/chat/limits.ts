/** The chat's named limits, shared by the server (which enforces them) and the client (which shows them). */

/** Longest chat message, in characters (a chat line, not an essay: that is what forums are for). */
export const CHAT_MESSAGE_MAX_CHARS = 1_000;
/** Messages per history page (one scroll step). */
export const CHAT_HISTORY_PAGE_SIZE = 50;
/** How many reads one history page may take to fill up when held messages the viewer may not read are left out. */
export const CHAT_HISTORY_READS_MAX = 5;

/** A client sends a typing indicator at most this often per room (the server relays one per `chatTyping` limit)… */
export const CHAT_TYPING_THROTTLE_MS = 2_000;
/** …and shown by clients for this long after the last one. */
export const CHAT_TYPING_DISPLAY_MS = 4_000;

/** Slow mode bounds (seconds between two messages of one pupil). */
export const CHAT_SLOW_MODE_MAX_SECONDS = 600;
/** Edit window bounds, in minutes ("a few minutes"). */
export const CHAT_EDIT_WINDOW_MAX_MINUTES = 60;
export const CHAT_EDIT_WINDOW_DEFAULT_MINUTES = 5;
/** Longest mute a moderator can give at once: one week. */
export const CHAT_MUTE_MAX_MINUTES = 7 * 24 * 60;
/** Opening-hour ranges per room. */
export const CHAT_OPENING_RANGES_MAX = 21;
/** Messages waiting in a client's offline queue; beyond it, the composer asks to wait for the connection. */
export const CHAT_OFFLINE_QUEUE_MAX = 50;
/** The time zone of opening hours: French schools. */
export const CHAT_TIME_ZONE = 'Europe/Paris';
