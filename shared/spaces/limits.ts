/**
 * A node keeps the spaces its chat and forum events decide on (and the chat rooms' mutes) between events, dropped
 * at once by every space or rights change it is told of (on the bus, before the change is acknowledged); it
 * reloads each one after this long whatever happens (a bound for changes it might not be told of, e.g. made on
 * another node).
 */
export const SPACE_CACHE_TTL_MS = 1_000;
/** How many spaces a node keeps at most (the oldest loaded is forgotten first). */
export const SPACE_CACHE_MAX_SPACES = 5_000;
/** How long a deleted space stays in the bin (« Corbeille »), restorable, before the purge job erases it for good. */
export const SPACE_BIN_RETENTION_DAYS = 30;
/** How many spaces one run of the purge job erases at most (the next run takes the rest). */
export const SPACE_PURGE_BATCH = 50;
/** How many colleague teachers may co-own one space. */
export const SPACE_MAX_CO_OWNERS = 10;
