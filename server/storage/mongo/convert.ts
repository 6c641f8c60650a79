/**
 * Value and error conversions between the MongoDB driver and the port.
 */
import { DuplicateKeyError, indexName, StorageUsageError } from '../port';
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
  10334, // BSONObjectTooLarge
]);

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
  if (typeof code === 'number' && USAGE_CODES.has(code)) {
    const message = String(writeError?.errmsg ?? shape.message ?? 'invalid request');
    return new StorageUsageError(`${collection}: ${message}`, { cause: error });
  }
  return error;
}

/** Removes credentials from a connection string before it is logged. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
