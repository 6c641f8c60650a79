import { randomUUID } from 'node:crypto';
import {
  INVALIDATION_PUBLISH_WAIT_MS,
  INVALIDATION_READ_BLOCK_MS,
  INVALIDATION_READ_COUNT,
  INVALIDATION_RETRY_MS,
  INVALIDATION_STREAM_MAX_ENTRIES,
} from '../../shared/cluster/limits';
import { CLUSTER_EVENTS, type Bus, type BusEvent, type BusEvents } from '../bus';
import type { Logger } from '../logger';
import { connectRedis } from '../realtime/redis';
import { readStreamLoop } from './read-loop';

/** The Redis stream every node writes its cluster events to and reads the others' from. */
export const INVALIDATION_STREAM = 'preau:invalidation';

export interface Invalidation {
  /** This node's id in the stream's entries. */
  nodeId: string;
  /** Stops reading and closes both connections. */
  close(): Promise<void>;
}

type StreamEntry = [id: string, fields: string[]];

/** The value of `name` in a stream entry's flat field list. */
function field(fields: readonly string[], name: string): string | undefined {
  for (let index = 0; index + 1 < fields.length; index += 2) if (fields[index] === name) return fields[index + 1];
  return undefined;
}

/**
 * The must-deliver invalidation stream (with REDIS_URL). Every node appends the cluster events it publishes
 * (`CLUSTER_EVENTS`: a space's settings, a user's rights, connections to close) to one Redis stream, after the change
 * committed; every node reads the stream from its last position and delivers the other nodes' events to its own bus,
 * where its caches drop what changed, its sockets leave the rooms they may no longer be in and its pad connections
 * are re-decided or closed. An entry stays in the stream while a node is briefly away (a Redis restart, a pause):
 * it is read when the node is back. Because events published during an outage may still be queued on their node,
 * and the stream may have been trimmed past a node's position, a node that lost its connection resynchronises when
 * it is back (`cluster.resync`: every cache dropped, every live connection re-decided).
 */
export async function startInvalidation(bus: Bus, redisUrl: string, logger: Logger): Promise<Invalidation> {
  const nodeId = randomUUID();
  const writer = connectRedis(redisUrl, 'invalidation', logger);
  const reader = connectRedis(redisUrl, 'invalidation', logger);
  const stopped = new AbortController();

  // Read from the stream's end as it is now: a starting node has no cache to invalidate.
  let position = '0-0';
  try {
    const [last] = (await reader.xrevrange(INVALIDATION_STREAM, '+', '-', 'COUNT', 1)) as StreamEntry[];
    if (last) position = last[0];
  } catch (error) {
    logger.warn({ err: (error as Error).message }, 'invalidation stream: reading its end failed, reading it whole');
  }

  let lost = false;
  reader.on('close', () => {
    lost = true;
  });
  reader.on('ready', () => {
    if (!lost) return;
    lost = false;
    logger.info('invalidation stream: connection back, resynchronising this node');
    bus.deliver('cluster.resync', []);
  });

  const deliver = ([id, fields]: StreamEntry): void => {
    position = id;
    if (field(fields, 'node') === nodeId) return;
    const event = field(fields, 'event') as BusEvent | undefined;
    const args = field(fields, 'args');
    if (!event || !CLUSTER_EVENTS.has(event) || args === undefined) {
      logger.warn({ id, event }, 'invalidation stream: unknown entry skipped');
      return;
    }
    try {
      bus.deliver(event, JSON.parse(args) as BusEvents[typeof event]);
    } catch (error) {
      logger.error({ err: error, id, event }, 'invalidation stream: delivering an entry failed');
    }
  };

  const reading = readStreamLoop({
    signal: stopped.signal,
    read: () =>
      reader.xread('COUNT', INVALIDATION_READ_COUNT, 'BLOCK', INVALIDATION_READ_BLOCK_MS, 'STREAMS', INVALIDATION_STREAM, position) as Promise<[string, StreamEntry[]][] | null>,
    handle: (reply) => {
      for (const [, entries] of reply) for (const entry of entries) deliver(entry);
    },
    retryMs: INVALIDATION_RETRY_MS,
    onFailure: (error) => logger.debug({ err: (error as Error).message }, 'invalidation stream: read failed, retrying'),
  });

  bus.relayTo(async (event, args) => {
    const sent = writer
      .xadd(INVALIDATION_STREAM, 'MAXLEN', '~', INVALIDATION_STREAM_MAX_ENTRIES, '*', 'node', nodeId, 'event', event, 'args', JSON.stringify(args))
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: (error as Error).message, event }, 'invalidation stream: an event could not be sent'),
      );
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, INVALIDATION_PUBLISH_WAIT_MS);
    });
    await Promise.race([sent, gaveUp]);
    clearTimeout(timer);
  });

  return {
    nodeId,
    async close() {
      bus.relayTo(undefined);
      stopped.abort();
      // A blocked read ends with its connection.
      reader.disconnect();
      await reading;
      await writer.quit().catch(() => undefined);
    },
  };
}
