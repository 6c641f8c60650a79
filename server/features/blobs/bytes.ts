/**
 * Where file bytes live: files under `DATA_DIR/blobs` on the embedded store, GridFS on MongoDB. Metadata
 * (owner, type, size, quota) lives in the `blobs` collection of the store either way (see `service.ts`), so this
 * port only moves bytes, and both adapters behave the same: `put` is durable once it resolves, `get` of a missing
 * id is null, `delete` of a missing id is a no-op.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db, GridFSBucket } from 'mongodb';
import mongoose from 'mongoose';
import type { ServerContext } from '../../context';
import type { Store } from '../../storage/port';

export interface BlobBytes {
  readonly kind: 'files' | 'gridfs';
  put(id: string, data: Uint8Array, info: { contentType: string; filename: string }): Promise<void>;
  get(id: string): Promise<Uint8Array | null>;
  delete(id: string): Promise<void>;
}

/** Blob ids are our own hex ids (`newId()`: 32 hex; 24 before ids became random): nothing else ever reaches a file path or a GridFS query. */
const BLOB_ID = /^[a-f0-9]{24}(?:[a-f0-9]{8})?$/;
function checkId(id: string): string {
  if (!BLOB_ID.test(id)) throw new Error(`invalid blob id ${id.slice(0, 40)}`);
  return id;
}

/** Files under `<dataDir>/blobs/<2 hex>/<id>`, written to a temporary name, fsynced, then renamed. */
export class FileBlobBytes implements BlobBytes {
  readonly kind = 'files' as const;
  constructor(private readonly root: string) {}

  private path(id: string): string {
    checkId(id);
    return join(this.root, id.slice(-2), id);
  }

  async put(id: string, data: Uint8Array): Promise<void> {
    const path = this.path(id);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.${createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 8)}.tmp`;
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    // The rename itself must reach the disk for the write to survive a power loss.
    const dir = await open(dirname(path), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  async get(id: string): Promise<Uint8Array | null> {
    try {
      const buffer = await readFile(this.path(id));
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }
}

/**
 * GridFS on the store's MongoDB database (bucket `blobs`): files are chunked by the driver, written with the
 * connection's write concern (majority, journaled), and addressed by our string id.
 */
export class GridFsBlobBytes implements BlobBytes {
  readonly kind = 'gridfs' as const;
  private readonly bucket: GridFSBucket;
  constructor(db: Db) {
    this.bucket = new mongoose.mongo.GridFSBucket(db as unknown as mongoose.mongo.Db, { bucketName: 'blobs' }) as unknown as GridFSBucket;
  }

  async put(id: string, data: Uint8Array, info: { contentType: string; filename: string }): Promise<void> {
    checkId(id);
    // A retried put after a failure half-way must not leave two files with one id.
    await this.delete(id);
    const upload = this.bucket.openUploadStreamWithId(id as never, info.filename, { metadata: { contentType: info.contentType } });
    await pipeline(Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]), upload);
  }

  async get(id: string): Promise<Uint8Array | null> {
    checkId(id);
    const files = await this.bucket.find({ _id: id as never }, { limit: 1 }).toArray();
    if (files.length === 0) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of this.bucket.openDownloadStream(id as never)) chunks.push(chunk as Buffer);
    const buffer = Buffer.concat(chunks);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }

  async delete(id: string): Promise<void> {
    checkId(id);
    try {
      await this.bucket.delete(id as never);
    } catch (error) {
      // The driver throws when no file has this id: deleting twice is fine.
      if (!/FileNotFound|not found/i.test((error as Error).message)) throw error;
    }
  }
}

/** The MongoDB database under a MongoDB store (the adapter's public `database()`, outside the port). */
function mongoDbOf(store: Store): Db {
  const accessor = (store as unknown as { database?: () => Db }).database;
  if (typeof accessor !== 'function') throw new Error('The MongoDB store exposes no database handle for GridFS');
  return accessor.call(store);
}

const byStore = new WeakMap<Store, BlobBytes>();

/** The blob port of this server: chosen by the store, created once per store. */
export function blobStore(ctx: Pick<ServerContext, 'store' | 'config'>): BlobBytes {
  let bytes = byStore.get(ctx.store);
  if (!bytes) {
    bytes = ctx.store.kind === 'mongodb' ? new GridFsBlobBytes(mongoDbOf(ctx.store)) : new FileBlobBytes(join(ctx.config.dataDir, 'blobs'));
    byStore.set(ctx.store, bytes);
  }
  return bytes;
}
