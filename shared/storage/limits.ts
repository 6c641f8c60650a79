/**
 * Group commit of the embedded store (`server/storage/embedded/transactions.ts`): the store transactions that
 * arrive while the connection is busy, or in the same turn of the event loop, share one SQLite transaction (one
 * commit, one fsync), each in its own savepoint.
 */

/** At most this many store transactions commit together; this bounds how long the first waits for the others. */
export const STORE_BATCH_MAX_TRANSACTIONS = 64;
