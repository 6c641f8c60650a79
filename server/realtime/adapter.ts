import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../logger';
import { connectRedis } from './redis';

/** The Redis stream and channels of Préau's Socket.IO adapter (a Redis shared with other software keeps them apart). */
export const SOCKET_STREAM_NAME = 'preau:socket.io';
export const SOCKET_CHANNEL_PREFIX = 'preau:socket.io';

export interface SocketAdapter {
  /** For `new Server(…, { adapter })`. */
  adapter: ServerOptions['adapter'];
  /** Closes its Redis connection (after Socket.IO closed). */
  close(): Promise<void>;
}

/**
 * With `REDIS_URL`, Socket.IO's adapter on Redis Streams (`@socket.io/redis-streams-adapter`): every room emit,
 * `disconnectSockets`, `socketsJoin`/`socketsLeave` and `fetchSockets` reaches the sockets of every node, and a
 * short Redis outage loses nothing (each node reads the stream from its last position). Without it, undefined:
 * Socket.IO's in-memory adapter, one process, as before.
 */
export function socketAdapter(redisUrl: string | undefined, logger: Logger): SocketAdapter | undefined {
  if (!redisUrl) return undefined;
  // The adapter duplicates this connection for its blocking stream reads and its pub/sub (same options, same name).
  const redis = connectRedis(redisUrl, 'adapter', logger);
  return {
    adapter: createAdapter(redis, { streamName: SOCKET_STREAM_NAME, channelPrefix: SOCKET_CHANNEL_PREFIX }) as ServerOptions['adapter'],
    async close() {
      await redis.quit().catch(() => undefined);
    },
  };
}
