/**
 * Value and error conversions between the MongoDB driver and the port.
 */
import { BSON } from 'mongodb';
import { STORE_DOCUMENT_MAX_BYTES } from '../../../shared/storage/limits';
import { DocumentTooLargeError, DuplicateKeyError, indexName, StorageUsageError } from '../port';
import { isPlainObject, type Doc } from '../query/values';

interface BsonLike {
  _bsontype?: unknown;
}

/**
 * Converts what the driver returns into the port's value model, deeply: binary (Buffer with promoteBuffers,
 * or a BSON Binary for non-generic subtypes) becomes a plain Uint8Array that owns its bytes (a driver Buffer
 * may be a view into a whole network message). ObjectId/Date/Long only appear in documents written outside
 * Préau; they are mapped to the closest port value rather than leaking driver classes.
 */
export function fromMongo(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(fromMongo);
  if (value instanceof Date) return value.getTime();
  const bsonType = (value as BsonLike)._bsontype;
  if (typeof bsonType === 'string') {
    switch (bsonType) {
      case 'Binary': {
        const binary = value as { value(): Uint8Array };
        return new Uint8Array(binary.value());
      }
      case 'ObjectId':
        return (value as { toHexString(): string }).toHexString();
      case 'Long':
      case 'Int32':
      case 'Double':
        return Number((value as { valueOf(): unknown }).valueOf());
      case 'Decimal128':
        return Number(String(value));
      default:
        return String(value);
    }
  }
  const out: Doc = {};
  for (const [key, item] of Object.entries(value)) out[key] = fromMongo(item) as Doc[string];
  return out;
}

export function fromMongoDoc<T>(doc: unknown): T {
  return fromMongo(doc) as T;
}

/** Server error codes meaning "this request cannot work", which the port reports as StorageUsageError. */
const USAGE_CODES = new Set([
  2, // BadValue
  9, // FailedToParse
  14, // TypeMismatch
  28, // PathNotViable
  40, // ConflictingUpdateOperators
  52, // DollarPrefixedFieldName
  55, // InvalidDBRef
  56, // EmptyFieldName
  57, // DottedFieldName
  66, // ImmutableField
  67, // CannotCreateIndex
  85, // IndexOptionsConflict
  86, // IndexKeySpecsConflict
]);

/** Server error codes meaning "this document would be over the BSON limit", reported as DocumentTooLargeError. */
const TOO_LARGE_CODES = new Set([
  10334, // BSONObjectTooLarge ("BSONObj size: … is invalid")
  17419, // "Resulting document after update is larger than 16777216"
]);

/**
 * Refuses, before the driver sees it, a document (an insert, a replacement, or an update document) over
 * STORE_DOCUMENT_MAX_BYTES of BSON: the server would refuse it anyway, and past the serializer's 17 MiB buffer
 * the driver fails with a bare RangeError, or for long strings builds a truncated message.
 */
export function checkDocumentSize(collection: string, doc: object, maxBytes: number = STORE_DOCUMENT_MAX_BYTES): void {
  const bytes = BSON.calculateObjectSize(doc as BSON.Document, { ignoreUndefined: true });
  if (bytes > maxBytes) throw new DocumentTooLargeError(collection, bytes, maxBytes);
}

/**
 * A driver failure to serialize (what the size check leaves, should a document slip past it): the BSON
 * serializer writing beyond its buffer (RangeError), or the driver's "Document is larger than the maximum size".
 */
function isSerializationOverflow(error: { name?: unknown; message?: unknown }): boolean {
  const message = typeof error.message === 'string' ? error.message : '';
  if (error instanceof RangeError) return /offset\b.* out of (?:bounds|range)/i.test(message);
  if (error.name === 'BSONError') return /larger than|exceeds/i.test(message);
  return error.name === 'MongoInvalidArgumentError' && /larger than the maximum size/i.test(message);
}


interface MongoErrorShape {
  code?: unknown;
  message?: unknown;
  errmsg?: unknown;
  keyPattern?: unknown;
  errorResponse?: { keyPattern?: unknown; errmsg?: unknown };
  writeErrors?: unknown;
}

function firstWriteError(error: MongoErrorShape): MongoErrorShape | undefined {
  const writeErrors = error.writeErrors;
  const first: unknown = Array.isArray(writeErrors) ? writeErrors[0] : writeErrors;
  return first && typeof first === 'object' ? (first as MongoErrorShape) : undefined;
}

/** The index named in an E11000 message, or derived from the key pattern (same rule as `indexName`). */
function duplicateIndexName(error: MongoErrorShape): string | undefined {
  for (const text of [error.errmsg, error.message, error.errorResponse?.errmsg]) {
    if (typeof text === 'string') {
      const match = / index: (\S+) dup key/.exec(text);
      if (match) return match[1];
    }
  }
  const pattern = error.keyPattern ?? error.errorResponse?.keyPattern;
  if (isPlainObject(pattern)) return indexName({ fields: pattern as Record<string, 1 | -1> });
  return undefined;
}

/** Maps a driver error onto the port's errors; returns anything else unchanged. */
export function mapMongoError(error: unknown, collection: string): unknown {
  if (!error || typeof error !== 'object') return error;
  const shape = error as MongoErrorShape;
  const writeError = firstWriteError(shape);
  const code = typeof shape.code === 'number' ? shape.code : writeError?.code;
  if (code === 11000 || code === 11001) {
    return new DuplicateKeyError(collection, duplicateIndexName(writeError ?? shape) ?? duplicateIndexName(shape));
  }
  const message = String(writeError?.errmsg ?? shape.message ?? '');
  if (
    (typeof code === 'number' && TOO_LARGE_CODES.has(code)) ||
    (code === 2 && /too large/i.test(message)) || // BadValue: "object to insert too large"
    isSerializationOverflow(error as { name?: unknown; message?: unknown })
  ) {
    return new DocumentTooLargeError(collection, undefined, STORE_DOCUMENT_MAX_BYTES, { cause: error });
  }
  if (typeof code === 'number' && USAGE_CODES.has(code)) {
    return new StorageUsageError(`${collection}: ${message || 'invalid request'}`, { cause: error });
  }
  return error;
}

/** Removes credentials from a connection string before it is logged. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
