import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLAB_PATH_PREFIX } from '../shared/realtime/close-codes';
import { RECONNECT_HINT_MS, SHUTDOWN_TIMEOUT_MS } from '../shared/limits';
import { createCollabServer, type CollabServer } from '../collab/server';
import { collabHooks } from '../collab/auth/hooks';
import { RedisFanout } from '../collab/cluster/fanout';
import type { Config } from './config/load';
import { APP_ROOT } from './config/paths';
import type { ServerContext } from './context';
import { createApp } from './http/app';
import type { Readiness } from './http/health';
import { createOriginPolicy } from './http/origins';
import { DEFAULT_SEED_TIMING, seedIfEmpty } from './lifecycle/seed';
import { demoSeeders } from './lifecycle/seeders';
import type { Logger } from './logger';
import { createGateway, type PreauServer } from './realtime/gateway';
import { liveConnections, liveSessionsOf } from './realtime/live';
import { SessionWatch } from './features/auth/session-watch';
import { createServices } from './services';
import { evidencePurger, initEvidence } from './features/moderation/evidence';
import { initReports } from './features/moderation/reports';
import { initNotifications, purgeNotifications } from './features/notifications/model';
import { createNotificationService } from './features/notifications/service';
import { quietAndEmailJobs } from './features/notifications/quiet/jobs';
import { serverNow } from './clock';
import { openStore } from './storage/open';
import { createRateLimiters } from './ratelimit/limiters';
import { socketAdapter } from './realtime/adapter';
import { connectRedis } from './realtime/redis';
import { startInvalidation } from './cluster/invalidation';
import { startPeriodicJobs } from './jobs/periodic';
import { auditRetentionJob } from './audit/retention';
import { AUDIT_RETENTION_INTERVAL_MS } from '../shared/audit/limits';
import { binPurger } from './features/spaces/purge';
import { lifecycleJobs } from './features/lifecycle/jobs';

/** A running Préau: one HTTP server carrying REST, Socket.IO, the collab endpoint and the client. */
export interface RunningPreau {
  ctx: ServerContext;
  http: HttpServer;
  io: PreauServer;
  collab: CollabServer;
  port: number;
  /** Stops accepting, tells clients to reconnect, flushes and closes the store. Idempotent. */
  shutdown(reason: string): Promise<void>;
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Opens the store, seeds it when empty, and starts listening. */
export async function startPreau(config: Config, logger: Logger): Promise<RunningPreau> {
  const store = await openStore({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    logger,
    synchronous: config.embeddedSync,
  });
  // Without REDIS_URL: one process, everything in memory. Commands fail fast while Redis is unreachable, so the
  // rate limiters fall back to memory instead of queueing.
  const redis = config.redisUrl ? connectRedis(config.redisUrl, 'limits', logger) : undefined;
  const services = await createServices(store, {
    rateLimits: createRateLimiters({ redis, overrides: config.rateLimits }),
    sessionTimeouts: config.sessionTimeouts,
    audit: { key: config.auditKey, dir: config.auditCheckpointDir, logger, clockFile: config.clockFile },
  });
  const http = createServer();
  // Not ready until the start-up work below is done: the HTTP server listens before it (see /readyz).
  const readiness: Readiness = { started: false, draining: false };

  // The origin policy needs the real port (PORT=0 picks one), so listen first, then wire the handlers.
  await new Promise<void>((resolveListen, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolveListen());
  });
  const port = (http.address() as AddressInfo).port;
  // Said before the start-up work below (indexes, the demo seed): /readyz answers 503 until « Préau is listening ».
  logger.info({ port }, 'accepting connections, starting up');
  const ctx: ServerContext = { config, store, logger, origins: createOriginPolicy(config, port), version: readVersion(), services };

  const app = createApp(ctx, readiness);
  http.on('request', app);
  // With REDIS_URL, Socket.IO rooms span every node (the Redis Streams adapter, its own connection).
  const adapter = socketAdapter(config.redisUrl, logger);
  const io = createGateway(http, ctx, adapter?.adapter);
  services.realtime.io = io;
  // Notifications follow the audited changes that commit (server/audit/command.ts), delivered through the gateway.
  services.notifications = createNotificationService(ctx);
  // With REDIS_URL, pads span every node: stored updates and presence go to the others (collab/cluster/).
  const fanout = config.redisUrl ? new RedisFanout(config.redisUrl, logger) : undefined;
  const collab = createCollabServer({ origins: ctx.origins, logger, hooks: collabHooks(ctx), unloadGraceMs: config.padUnloadGraceMs, fanout });
  services.live = liveConnections(io, collab, services.bus);
  // With REDIS_URL, every node hears the others' settings, rights and disconnection events (the invalidation stream).
  const invalidation = config.redisUrl ? await startInvalidation(services.bus, config.redisUrl, logger) : undefined;
  // Sessions that expire while their sockets and pad connections stay open close them too (one sweep per process).
  const sessionWatch = new SessionWatch({
    sessions: services.sessions,
    inUse: () => liveSessionsOf(io, collab),
    end: async (ended) => {
      for (const reason of new Set(ended.values())) {
        await services.live.disconnectSession([...ended].filter(([, why]) => why === reason).map(([id]) => id), reason);
      }
    },
    logger,
  });
  sessionWatch.start();
  http.on('upgrade', (request, socket, head) => {
    if (request.url?.startsWith(COLLAB_PATH_PREFIX)) collab.handleUpgrade(request, socket, head);
    else if (!request.url?.startsWith('/socket.io/')) socket.destroy();
  });

  await Promise.all([initEvidence(ctx), initReports(ctx), initNotifications(ctx)]);
  if (config.seedDemo && (await seedIfEmpty(ctx, demoSeeders, { ...DEFAULT_SEED_TIMING, delayMs: config.seedDelayMs }))) logger.info('demo school seeded');

  // Expired sessions are refused on use; their purge only keeps the collection small. With Redis, one node per interval.
  const jobs = startPeriodicJobs(
    [
      { name: 'sessions.purge', intervalMs: config.purgeIntervals.sessionsMs, run: () => services.sessions.purgeExpired() },
      { name: 'evidence.purge', intervalMs: config.purgeIntervals.evidenceMs, run: () => evidencePurger(ctx) },
      { name: 'notifications.purge', intervalMs: config.purgeIntervals.evidenceMs, run: () => purgeNotifications(ctx, serverNow(ctx)) },
      // The bin: spaces deleted SPACE_BIN_RETENTION_DAYS ago, erased with their items and files.
      { name: 'spaces.purge', intervalMs: config.purgeIntervals.evidenceMs, run: () => binPurger(ctx, serverNow(ctx)) },
      // Log retention: each chain's entries older than its school's retention, purged by segment (server/audit/retention.ts).
      { name: 'audit.retention', intervalMs: Math.min(config.purgeIntervals.evidenceMs, AUDIT_RETENTION_INTERVAL_MS), run: () => auditRetentionJob(ctx) },
      // What quiet hours held, released as one summary when they end; with SMTP_URL, the e-mails.
      ...quietAndEmailJobs(ctx),
      // People removed from the school, erased once their delay has passed (server/features/lifecycle/erase.ts).
      ...lifecycleJobs(ctx),
    ],
    { redis, logger },
  );

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ reason }, 'shutting down');
      readiness.draining = true;
      jobs.stop();
      await sessionWatch.stop();
      const hardStop = setTimeout(() => {
        logger.error('shutdown took too long; exiting');
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS);
      hardStop.unref();
      const httpClosed = new Promise<void>((done) => http.close(() => done()));
      io.emit('system:shutdown', { reconnectInMs: RECONNECT_HINT_MS });
      await Promise.all([new Promise<void>((done) => io.close(() => done())), collab.close()]);
      http.closeIdleConnections();
      http.closeAllConnections();
      await httpClosed;
      // What the last changes notify is delivered before the store closes.
      await services.notifications.idle();
      await store.flush();
      // The final audit checkpoints, after the last write: a restart finds the chains exactly where they ended.
      await services.audit.close();
      await store.close();
      await invalidation?.close();
      await adapter?.close();
      await redis?.quit().catch(() => undefined);
      clearTimeout(hardStop);
      logger.info('stopped');
    })();
    return stopping;
  };

  readiness.started = true;
  logger.info({ port, store: store.kind, origin: ctx.origins.publicOrigin }, 'Préau is listening');
  return { ctx, http, io, collab, port, shutdown };
}
