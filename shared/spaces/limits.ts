/**
 * A node keeps the spaces its chat and forum events decide on (and the chat rooms' mutes) between events, dropped
 * at once by every space or rights change it is told of (on the bus, before the change is acknowledged); it
 * reloads each one after this long whatever happens (a bound for changes it might not be told of, e.g. made on
 * another node).
 */
export const SPACE_CACHE_TTL_MS = 1_000;
/** How many spaces a node keeps at most (the oldest loaded is forgotten first). */
export const SPACE_CACHE_MAX_SPACES = 5_000;
