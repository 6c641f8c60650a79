import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { APP_ROOT } from '../config/paths';
import type { Logger } from '../logger';

/** Where `scripts/build-client.mjs` writes the built client (from sources and from the server bundle alike). */
export const CLIENT_DIST_DIR = join(APP_ROOT, 'dist/client');

/** Paths the single-page app must never swallow. */
const SERVER_PATHS = /^\/(api|socket\.io|collab|healthz|readyz)(\/|$)/;

/**
 * Serves the built client: hashed assets are cached for a year, `index.html` never, and every other GET
 * that is not a server path gets `index.html` so client-side routes work on reload.
 */
export function staticClient(logger: Logger, distDir: string = CLIENT_DIST_DIR): Router {
  const router = Router();
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    logger.warn({ distDir }, 'client build missing: run `node scripts/build-client.mjs` (npm start does it)');
  }
  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.get(/.*/, (req, res, next) => {
    if (SERVER_PATHS.test(req.path)) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile, (error) => {
      if (error) next(error);
    });
  });
  return router;
}
