import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError, StorageUsageError } from '../port';
import { connectionOptions } from './connect';
import { fromMongo, mapMongoError, redactUri } from './convert';

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

describe('connection settings', () => {
  it('asks for majority, journaled writes and Buffer binaries', () => {
    const options = connectionOptions({ uri: 'mongodb://x', dbName: 'd' });
    expect(options).toMatchObject({ writeConcern: { w: 'majority', journal: true }, retryWrites: true, promoteBuffers: true, dbName: 'd', bufferCommands: false });
  });

  it('never logs credentials', () => {
    expect(redactUri('mongodb://user:secret@host:27017/db')).toBe('mongodb://***@host:27017/db');
    expect(redactUri('mongodb+srv://host/db')).toBe('mongodb+srv://host/db');
  });
});
