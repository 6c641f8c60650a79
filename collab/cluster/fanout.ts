import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  PAD_STREAM_BLOCK_MS,
  PAD_STREAM_MAX_ENTRIES,
  PAD_STREAM_READ_COUNT,
  PAD_STREAM_SHARDS,
} from '../../shared/pad/limits';
import type { Logger } from '../../server/logger';
import { connectRedis } from '../../server/realtime/redis';
import { acquireLock } from '../../server/jobs/lock';
import { readStreamLoop } from '../../server/cluster/read-loop';

/** Who created which Yjs items in a fanned-out update (so every node knows who owns each client id). */
export interface FanoutAuthor {
  userId: string;
  /** Flattened triples `clientID, fromClock, toClock`. */
  ranges: number[];
}

/** One document's stored update, for the other nodes. */
export interface FanoutUpdate {
  name: string;
  update: Uint8Array;
  authors: readonly FanoutAuthor[];
}

/** What a node does with what the others sent. */
export interface FanoutSink {
  /** An update another node stored: applied (not stored again) and relayed, when this node holds the document. */
  update(name: string, update: Uint8Array, authors: FanoutAuthor[]): void;
  /** Presence changes of another node's connections. */
  awareness(name: string, update: Uint8Array): void;
  /** Updates may have been missed (Redis reconnection, entries trimmed before they were read): reload from the store. */
  catchUp(): void;
}

/**
 * How the collab server reaches the other nodes: updates (after they are stored) and presence out, the others'
 * in, and a lock per document. `createCollabServer` runs alone without one.
 */
export interface CollabFanout {
  start(sink: FanoutSink): void;
  /** Adds stored updates to their shard streams (errors are logged: the other nodes catch up from the store). */
  publishUpdates(updates: readonly FanoutUpdate[]): void;
  /** Publishes presence changes of this node's connections on the document's channel. */
  publishAwareness(name: string, update: Uint8Array): void;
  /** Receives the document's presence from now on (it was loaded here). */
  watch(name: string): void;
  /** Stops receiving it (unloaded). */
  unwatch(name: string): void;
  /** Runs `run` under the document's cluster-wide lock; `{ done: false }` when another node holds it or Redis is away. */
  exclusive<R>(name: string, ttlMs: number, run: () => Promise<R>): Promise<{ done: true; value: R } | { done: false }>;
  close(): Promise<void>;
}

const STREAM_PREFIX = 'preau:pad:updates:';
const AWARENESS_PREFIX = 'preau:pad:awareness:';
/** Pause after a failed stream read before the next (the connection reconnects meanwhile). */
const READ_RETRY_MS = 500;

/** The shard of a document: FNV-1a of its name. */
export function shardOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % PAD_STREAM_SHARDS;
}

const streamKey = (shard: number): string => `${STREAM_PREFIX}${shard}`;

/** Stream ids `<ms>-<seq>`, compared as numbers. */
function idBefore(a: string, b: string): boolean {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs < bMs || (aMs === bMs && aSeq < bSeq);
}

/** Field values of a stream entry, by name. */
function fieldsOf(fields: Buffer[]): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!.toString(), fields[i + 1]!);
  return map;
}

/**
 * Pads across nodes on Redis: per accepted flush, each pad's update goes to the Redis stream of its shard (bounded
 * with `MAXLEN ~`, carrying this node's id); every node reads every shard stream from its last position (a blocking
 * read on its own connection) and hands the others' entries to the collab server. Presence goes over pub/sub, one
 * channel per pad, subscribed while the pad is loaded. Three connections: writes, stream reads, subscriptions.
 */
export class RedisFanout implements CollabFanout {
  readonly nodeId = randomUUID();
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly subscriber: Redis;
  private readonly positions: string[] = [];
  private readonly nodeBytes: Buffer;
  private sink: FanoutSink | undefined;
  private readonly stopped = new AbortController();
  private reading: Promise<void> | undefined;
  private readyOnce = false;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    this.writer = connectRedis(url, 'collab', logger);
    this.reader = connectRedis(url, 'collab', logger);
    this.subscriber = connectRedis(url, 'collab', logger);
    this.nodeBytes = Buffer.from(this.nodeId);
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onAwareness(channel, message));
    // After a reconnection, what was sent meanwhile may be missed (pub/sub) or trimmed (streams): catch up.
    this.reader.on('ready', () => {
      if (this.readyOnce) this.sink?.catchUp();
      this.readyOnce = true;
    });
  }

  start(sink: FanoutSink): void {
    this.sink = sink;
    this.reading ??= this.read().catch((error: unknown) => this.logger.error({ err: error }, 'collab fanout: reading stopped'));
  }

  publishUpdates(updates: readonly FanoutUpdate[]): void {
    if (updates.length === 0 || this.stopped.signal.aborted) return;
    const pipeline = this.writer.pipeline();
    for (const { name, update, authors } of updates) {
      pipeline.xadd(
        streamKey(shardOf(name)),
        'MAXLEN',
        '~',
        PAD_STREAM_MAX_ENTRIES,
        '*',
        'n',
        this.nodeBytes,
        'd',
        name,
        'u',
        Buffer.from(update.buffer, update.byteOffset, update.byteLength),
        'a',
        JSON.stringify(authors.map(({ userId, ranges }) => ({ userId, ranges }))),
      );
    }
    pipeline.exec().catch((error: unknown) => this.logger.warn({ err: error }, 'collab fanout: adding updates failed'));
  }

  publishAwareness(name: string, update: Uint8Array): void {
    if (this.stopped.signal.aborted) return;
    const message = Buffer.concat([Buffer.from([this.nodeBytes.byteLength]), this.nodeBytes, update]);
    this.writer.publish(`${AWARENESS_PREFIX}${name}`, message).catch((error: unknown) => this.logger.warn({ err: error }, 'collab fanout: publishing presence failed'));
  }

  watch(name: string): void {
    if (this.stopped.signal.aborted) return;
    this.subscriber.subscribe(`${AWARENESS_PREFIX}${name}`).catch((error: unknown) => this.logger.warn({ err: error }, 'collab fanout: subscribing failed'));
  }

  unwatch(name: string): void {
    if (this.stopped.signal.aborted) return;
    this.subscriber.unsubscribe(`${AWARENESS_PREFIX}${name}`).catch((error: unknown) => this.logger.warn({ err: error }, 'collab fanout: unsubscribing failed'));
  }

  async exclusive<R>(name: string, ttlMs: number, run: () => Promise<R>): Promise<{ done: true; value: R } | { done: false }> {
    // While Redis is away, nobody gets the lock (compaction waits for it), rather than queueing: an unloading pad
    // compacts, and new connections to it wait for the unload.
    if (this.writer.status !== 'ready') return { done: false };
    // The one Redis lock (server/jobs/lock.ts): taken with a token, released only by its holder.
    const lock = await acquireLock(this.writer, `pad:${name}`, ttlMs);
    if (!lock) return { done: false };
    try {
      return { done: true, value: await run() };
    } finally {
      await lock.release().catch((error: unknown) => this.logger.warn({ err: error, name }, 'collab fanout: releasing a lock failed'));
    }
  }

  private onAwareness(channel: Buffer, message: Buffer): void {
    const nodeLength = message[0] ?? 0;
    if (message.subarray(1, 1 + nodeLength).equals(this.nodeBytes)) return;
    const name = channel.toString().slice(AWARENESS_PREFIX.length);
    try {
      this.sink?.awareness(name, new Uint8Array(message.subarray(1 + nodeLength)));
    } catch (error) {
      this.logger.warn({ err: error, name }, 'collab fanout: applying presence failed');
    }
  }

  /** Reads every shard stream from this node's position, from Redis's clock at start (nothing older is needed). */
  private async read(): Promise<void> {
    const [seconds, micros] = await this.reader.time();
    const start = `${Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)}-0`;
    for (let shard = 0; shard < PAD_STREAM_SHARDS; shard++) this.positions[shard] = start;
    const keys = this.positions.map((_, shard) => streamKey(shard));
    await readStreamLoop({
      signal: this.stopped.signal,
      read: () => this.reader.xreadBuffer('COUNT', PAD_STREAM_READ_COUNT, 'BLOCK', PAD_STREAM_BLOCK_MS, 'STREAMS', ...keys, ...this.positions),
      handle: async (reply) => {
        for (const [key, entries] of reply) {
          const shard = Number(key.toString().slice(STREAM_PREFIX.length));
          const from = this.positions[shard]!;
          for (const [id, fields] of entries) {
            this.positions[shard] = id.toString();
            this.onEntry(fieldsOf(fields));
          }
          // A full read means this node is behind: entries past its position may have been trimmed unread.
          if (entries.length >= PAD_STREAM_READ_COUNT) await this.checkTrimmed(key.toString(), from);
        }
      },
      retryMs: READ_RETRY_MS,
      onFailure: (error) => this.logger.warn({ err: error }, 'collab fanout: reading the streams failed'),
    });
  }

  private onEntry(fields: Map<string, Buffer>): void {
    const node = fields.get('n');
    const name = fields.get('d')?.toString();
    const update = fields.get('u');
    if (!node || !name || !update || node.equals(this.nodeBytes)) return;
    try {
      const authors = JSON.parse(fields.get('a')?.toString() ?? '[]') as FanoutAuthor[];
      this.sink?.update(name, new Uint8Array(update), authors);
    } catch (error) {
      this.logger.warn({ err: error, name }, 'collab fanout: applying an update failed');
    }
  }

  /** When the stream's first entry is past where this read started, entries were trimmed unread: catch up. */
  private async checkTrimmed(key: string, from: string): Promise<void> {
    const first = await this.reader.xrange(key, '-', '+', 'COUNT', 1).catch(() => []);
    const firstId = first[0]?.[0];
    if (firstId !== undefined && idBefore(from, firstId)) {
      this.logger.warn({ stream: key }, 'collab fanout: entries trimmed before they were read; catching up from the store');
      this.sink?.catchUp();
    }
  }

  async close(): Promise<void> {
    this.stopped.abort();
    this.reader.disconnect();
    await Promise.all([this.writer.quit().catch(() => undefined), this.subscriber.quit().catch(() => undefined)]);
    await this.reading;
  }
}
