import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { STORE_DOCUMENT_MAX_BYTES, STORE_WRITE_TIMEOUT_MS } from '../../../shared/storage/limits';
import { DocumentTooLargeError, DuplicateKeyError, StorageUsageError } from '../port';
import { connectionOptions } from './connect';
import { checkDocumentSize, fromMongo, mapMongoError, redactUri } from './convert';

const { Binary, ObjectId, Long } = mongoose.mongo;

describe('fromMongo', () => {
  it('turns Buffers and BSON Binary into plain Uint8Array, deeply', () => {
    const converted = fromMongo({
      a: Buffer.from([1, 2]),
      nested: { list: [new Binary(new Uint8Array([3]), 4), { b: Buffer.from([5]) }] },
    }) as { a: Uint8Array; nested: { list: [Uint8Array, { b: Uint8Array }] } };
    expect(converted).toEqual({ a: new Uint8Array([1, 2]), nested: { list: [new Uint8Array([3]), { b: new Uint8Array([5]) }] } });
    expect(Object.getPrototypeOf(converted.a)).toBe(Uint8Array.prototype);
    expect(Object.getPrototypeOf(converted.nested.list[0])).toBe(Uint8Array.prototype);
  });

  it('copies binary out of the driver buffer it may share', () => {
    const message = Buffer.from([9, 9, 1, 2, 9]);
    const view = message.subarray(2, 4);
    const converted = fromMongo(view) as Uint8Array;
    expect(converted.buffer.byteLength).toBe(2);
  });

  it('maps foreign BSON types to port values', () => {
    const id = new ObjectId();
    expect(fromMongo({ _id: id, at: new Date(5), big: Long.fromNumber(7) })).toEqual({ _id: id.toHexString(), at: 5, big: 7 });
  });
});

describe('mapMongoError', () => {
  it('maps E11000 to DuplicateKeyError with the index from the message or the key pattern', () => {
    const fromMessage = mapMongoError(
      { code: 11000, message: 'E11000 duplicate key error collection: db.users index: email_1 dup key: { email: "a" }' },
      'users',
    );
    expect(fromMessage).toBeInstanceOf(DuplicateKeyError);
    expect((fromMessage as DuplicateKeyError).index).toBe('email_1');
    const fromPattern = mapMongoError({ code: 11000, message: 'dup', keyPattern: { school: 1, login: 1 } }, 'members');
    expect((fromPattern as DuplicateKeyError).index).toBe('school_1_login_1');
  });

  it('maps bulk write errors (insertMany) by their first write error', () => {
    const error = mapMongoError(
      { name: 'MongoBulkWriteError', writeErrors: [{ code: 11000, errmsg: 'E11000 duplicate key error collection: db.n index: _id_ dup key: { _id: "a" }' }] },
      'n',
    );
    expect((error as DuplicateKeyError).index).toBe('_id_');
  });

  it('maps request errors to StorageUsageError and leaves others alone', () => {
    expect(mapMongoError({ code: 66, message: 'immutable _id' }, 'n')).toBeInstanceOf(StorageUsageError);
    expect(mapMongoError({ code: 14, message: 'Cannot apply $inc' }, 'n')).toBeInstanceOf(StorageUsageError);
    const network = new Error('socket closed');
    expect(mapMongoError(network, 'n')).toBe(network);
  });
});

describe('documents over the BSON limit', () => {
  const { BSON } = mongoose.mongo;
  /** A document of exactly `bytes` bytes of BSON: `_id` and one binary field. */
  const docOfSize = (bytes: number): { _id: string; data: Uint8Array } => {
    const overhead = BSON.calculateObjectSize({ _id: 'x', data: new Uint8Array(0) });
    return { _id: 'x', data: new Uint8Array(bytes - overhead) };
  };

  it('refuses a document over 16 MiB before the driver sees it, with DocumentTooLargeError', () => {
    expect(STORE_DOCUMENT_MAX_BYTES).toBe(16 * 1024 * 1024);
    expect(() => checkDocumentSize('files', docOfSize(STORE_DOCUMENT_MAX_BYTES))).not.toThrow();
    const error = (() => {
      try {
        checkDocumentSize('files', docOfSize(STORE_DOCUMENT_MAX_BYTES + 1));
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DocumentTooLargeError);
    expect(error).toBeInstanceOf(StorageUsageError);
    expect(error).toMatchObject({ name: 'DocumentTooLargeError', code: 'DOCUMENT_TOO_LARGE', collection: 'files', bytes: STORE_DOCUMENT_MAX_BYTES + 1, maxBytes: STORE_DOCUMENT_MAX_BYTES });
  });

  it('counts strings in UTF-8 bytes and nested values, as BSON does', () => {
    // 6 Mi « é » are 12 MiB of UTF-8: two of them are over the limit, though each part is under it.
    const text = 'é'.repeat(6 * 1024 * 1024);
    expect(() => checkDocumentSize('notes', { _id: 'n', parts: [{ text }, { text }] })).toThrow(DocumentTooLargeError);
    expect(() => checkDocumentSize('notes', { _id: 'n', parts: [{ text: 'é'.repeat(1024) }] })).not.toThrow();
  });

  it('is what the driver would otherwise fail on with a raw RangeError, which maps to the same error', () => {
    const oversized = docOfSize(18 * 1024 * 1024);
    const raw = (() => {
      try {
        BSON.serialize(oversized);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(raw).toBeInstanceOf(RangeError);
    expect(raw).not.toBeInstanceOf(StorageUsageError);
    expect(mapMongoError(raw, 'files')).toBeInstanceOf(DocumentTooLargeError);
    expect(() => checkDocumentSize('files', oversized)).toThrow(DocumentTooLargeError);
  });

  it('maps the server\'s and the driver\'s too-large errors to DocumentTooLargeError', () => {
    const cases = [
      { code: 17419, message: 'Plan executor error during findAndModify :: caused by :: Resulting document after update is larger than 16777216' },
      { code: 10334, message: 'BSONObj size: 16800000 (0x1005A80) is invalid. Size must be between 0 and 16793600(16MB)' },
      { code: 2, message: 'object to insert too large. size in bytes: 16777300, max size: 16777216' },
      { name: 'MongoBulkWriteError', writeErrors: [{ code: 17419, errmsg: 'Resulting document after update is larger than 16777216' }] },
      Object.assign(new Error('Document is larger than the maximum size 16777216'), { name: 'MongoInvalidArgumentError' }),
    ];
    for (const error of cases) {
      const mapped = mapMongoError(error, 'notes');
      expect(mapped, JSON.stringify(error)).toBeInstanceOf(DocumentTooLargeError);
      expect((mapped as DocumentTooLargeError).cause).toBe(error);
    }
    // Other request errors stay plain usage errors, and unrelated RangeErrors are left alone.
    expect(mapMongoError({ code: 2, message: 'unknown operator: $foo' }, 'notes')).not.toBeInstanceOf(DocumentTooLargeError);
    const unrelated = new RangeError('Invalid array length');
    expect(mapMongoError(unrelated, 'notes')).toBe(unrelated);
  });
});

describe('connection settings', () => {
  it('asks for majority, journaled writes bounded by a write timeout, and Buffer binaries', () => {
    const options = connectionOptions({ uri: 'mongodb://x', dbName: 'd' });
    expect(options).toMatchObject({
      writeConcern: { w: 'majority', journal: true, wtimeoutMS: STORE_WRITE_TIMEOUT_MS },
      retryWrites: true,
      promoteBuffers: true,
      dbName: 'd',
      bufferCommands: false,
    });
    expect(STORE_WRITE_TIMEOUT_MS).toBeGreaterThan(0);
  });

  it('never logs credentials', () => {
    expect(redactUri('mongodb://user:secret@host:27017/db')).toBe('mongodb://***@host:27017/db');
    expect(redactUri('mongodb+srv://host/db')).toBe('mongodb+srv://host/db');
  });
});
