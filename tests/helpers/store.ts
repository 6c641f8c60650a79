/**
 * Which store the tests' servers use, and the test process's own way into it (through the port, never the files).
 *
 * Without MONGODB_URI: the embedded store in each server's DATA_DIR, as always. With MONGODB_URI (a replica set,
 * say `mongodb://host:27017/?replicaSet=rs0`): every DATA_DIR gets its own database on that deployment, named
 * from the directory, so the servers of one test (restarts, a cluster's nodes) share it and other tests never
 * see it; it is dropped when the test cleans its server up. `MONGODB_URI=… npm test` checks a MongoDB deployment.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import mongoose from 'mongoose';
import type { ServerContext } from '../../server/context';
import { blobStore } from '../../server/features/blobs/bytes';
import { openStore } from '../../server/storage/open';
import type { Store } from '../../server/storage/port';

/** The deployment the tests run against, or undefined for the embedded store. */
export function testMongoUri(): string | undefined {
  const uri = process.env.MONGODB_URI?.trim();
  return uri ? uri : undefined;
}

/** Whether this run checks a MongoDB deployment (MONGODB_URI set). */
export const onMongo = testMongoUri() !== undefined;

/** The database of one DATA_DIR: a hash of its absolute path (database names are short and case-blind). */
export function testDatabaseName(dataDir: string): string {
  return `preau_t_${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 24)}`;
}

const URI = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/;

/**
 * `uri` pointed at database `dbName`. The path names the database, and also the authentication database when
 * the URI has credentials and no authSource: that one is kept (the URI's database, or admin).
 */
export function withDatabase(uri: string, dbName: string): string {
  const match = URI.exec(uri);
  if (!match) throw new Error('MONGODB_URI is not a mongodb:// or mongodb+srv:// connection string');
  const [, prefix = '', path = '', query = ''] = match;
  const params = query.split('&').filter((part) => part !== '');
  const hasCredentials = prefix.includes('@');
  if (hasCredentials && !params.some((part) => part.toLowerCase().startsWith('authsource='))) {
    params.push(`authSource=${path === '' ? 'admin' : path}`);
  }
  return `${prefix}/${dbName}${params.length > 0 ? `?${params.join('&')}` : ''}`;
}

/** MONGODB_URI for a server on `dataDir` ('' for the embedded store). */
export function serverMongoUri(dataDir: string): string {
  const uri = testMongoUri();
  return uri ? withDatabase(uri, testDatabaseName(dataDir)) : '';
}

/**
 * The store of the servers on `dataDir`, opened in the test process through the port: the embedded file
 * (several processes may open it) or the MongoDB database of that DATA_DIR. Close it when done.
 */
export function openTestStore(dataDir: string): Promise<Store> {
  const mongodbUri = serverMongoUri(dataDir);
  return openStore({ dataDir, ...(mongodbUri ? { mongodbUri } : {}) });
}

/** Drops the MongoDB database of `dataDir` (nothing on the embedded store: removing DATA_DIR does it). */
export async function dropTestDatabase(dataDir: string): Promise<void> {
  const uri = testMongoUri();
  if (!uri) return;
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    await client.db(testDatabaseName(dataDir)).dropDatabase();
  } finally {
    await client.close();
  }
}

/**
 * The bytes of a stored file (upload, thumbnail), read through the blob port of the servers on `dataDir`
 * (`DATA_DIR/blobs` or GridFS): null when there is none.
 */
export async function storedBlob(dataDir: string, id: string): Promise<Buffer | null> {
  const store = await openTestStore(dataDir);
  try {
    const config = { dataDir } as ServerContext['config'];
    const bytes = await blobStore({ store, config }).get(id);
    return bytes ? Buffer.from(bytes) : null;
  } finally {
    await store.close();
  }
}

/**
 * The collections of the MongoDB database of `dataDir` that the port can name (GridFS's `blobs.files` and
 * `blobs.chunks` are not the port's). The port lists no collections, so this asks the driver; MongoDB only.
 */
export async function testCollectionNames(dataDir: string): Promise<string[]> {
  const uri = testMongoUri();
  if (!uri) throw new Error('testCollectionNames lists a MongoDB database: MONGODB_URI is not set');
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    const collections = await client.db(testDatabaseName(dataDir)).listCollections({}, { nameOnly: true }).toArray();
    return collections.map((collection) => collection.name).filter((name) => /^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(name)).sort();
  } finally {
    await client.close();
  }
}

/**
 * With MONGODB_URI, copies every document of the database of `fromDir` into the (empty) database of `toDir`,
 * through the port: what copying a data dir copies on the embedded store (its file). Nothing otherwise.
 */
export async function copyTestStore(fromDir: string, toDir: string): Promise<void> {
  if (!onMongo) return;
  const [from, to] = await Promise.all([openTestStore(fromDir), openTestStore(toDir)]);
  try {
    for (const name of await testCollectionNames(fromDir)) {
      const docs = await from.collection(name).find({});
      for (let i = 0; i < docs.length; i += COPY_BATCH) await to.collection(name).insertMany(docs.slice(i, i + COPY_BATCH));
    }
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
}

const COPY_BATCH = 500;
