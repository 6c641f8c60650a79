/**
 * The write concern of every MongoDB write (the connection's default, so GridFS's too) and of every transaction's
 * commit: acknowledged by a majority and journaled, so an acknowledged write survives a primary failover and a
 * crash (what `flush()` promises on the embedded store); and bounded: without a majority, a write fails after
 * STORE_WRITE_TIMEOUT_MS (MongoWriteConcernError; a commit is retried by the driver) instead of waiting for ever.
 */
import type { WriteConcernSettings } from 'mongodb';
import { STORE_WRITE_TIMEOUT_MS } from '../../../shared/storage/limits';

export const WRITE_CONCERN: Readonly<WriteConcernSettings> = { w: 'majority', journal: true, wtimeoutMS: STORE_WRITE_TIMEOUT_MS };
