import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { JSON_BODY_LIMIT_BYTES } from '../../shared/limits';
import type { ServerContext } from '../context';
import { apiNotFound, errorHandler } from './errors';
import { healthRoutes, type Readiness } from './health';
import { requestId } from './request-id';
import { securityHeaders } from './security';
import { staticClient } from './static-client';
import { authenticate, csrfProtection } from '../features/auth/middleware';
import { routeRuntime } from '../features/auth/runtime';
import { featureRoutes } from '../features/routes';
import { defineRoute } from './route';
import { restRateLimit } from './rate-limit';

/** Builds the Express application: security headers, logs, JSON parsing, API routes, then the client. */
export function createApp(ctx: ServerContext, readiness: Readiness): Express {
  const app = express();
  app.disable('x-powered-by');
  // A hop count: req.secure/req.protocol read X-Forwarded-Proto only from our own proxies (the IP: clientIpOf).
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: requestId,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // A flood's refusals (429) are logged once a minute per user by the limiter, not once per request.
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode === 429 ? 'debug' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );
  app.use(securityHeaders({ behindTls: ctx.config.trustProxy > 0 && ctx.origins.publicOrigin.startsWith('https:'), peertubeHosts: ctx.config.peertubeHosts }));
  app.use(healthRoutes(ctx, readiness));

  const api = express.Router();
  const runtime = routeRuntime(ctx);
  api.use(authenticate(ctx));
  // Every API route has a default rate limit, per user (or per IP before sign-in); sign-in has a stricter one.
  api.use(restRateLimit(ctx));
  // CSRF is checked before the body is even parsed.
  api.use(csrfProtection(ctx));
  api.use(express.json({ limit: JSON_BODY_LIMIT_BYTES }));
  defineRoute(api, runtime, {
    method: 'get',
    path: '/meta',
    policy: { public: 'the name, version and store kind of this instance, and the PeerTube hosts cards may frame (already in the CSP)' },
    handler: () => ({ name: 'Préau', version: ctx.version, store: ctx.store.kind, peertubeHosts: ctx.config.peertubeHosts }),
  });
  api.use(featureRoutes(ctx, runtime));
  api.use(apiNotFound);
  app.use('/api', api);

  app.use(staticClient(ctx.logger));
  app.use(errorHandler);
  return app;
}
