/**
 * Group commit of the embedded store (`server/storage/embedded/transactions.ts`): the store transactions that
 * arrive while the connection is busy, or in the same turn of the event loop, share one SQLite transaction (one
 * commit, one fsync), each in its own savepoint.
 */

/** At most this many store transactions commit together; this bounds how long the first waits for the others. */
export const STORE_BATCH_MAX_TRANSACTIONS = 64;

/**
 * MongoDB (`server/storage/mongo/`): how long a write waits for a majority of the replica set to acknowledge it
 * (`wtimeoutMS` of the `w: 'majority'` write concern, on every write and every transaction commit). Past it the
 * write fails (MongoWriteConcernError) instead of hanging while no majority answers; a transaction's commit is
 * retried by the driver, as for any unknown commit result. 10 s, as the driver's own commit retries use.
 */
export const STORE_WRITE_TIMEOUT_MS = 10_000;

/**
 * The largest stored document, in bytes of BSON: MongoDB's limit (16 MiB, the server's `maxBsonObjectSize`). The
 * MongoDB adapter refuses a larger document (or an update larger than this by itself) with DocumentTooLargeError
 * before sending it; features bound their documents well below (pads: PAD_MAX_DOCUMENT_BYTES, files: GridFS).
 */
export const STORE_DOCUMENT_MAX_BYTES = 16 * 1024 * 1024;
