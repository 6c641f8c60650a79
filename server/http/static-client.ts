import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { APP_ROOT } from '../config/paths';
import type { Logger } from '../logger';

/**
 * Where `scripts/build-client.mjs` writes the built client (from sources and from the server bundle alike);
 * `PREAU_CLIENT_DIST` (development and tests only) points both elsewhere.
 */
export const CLIENT_DIST_DIR = process.env.PREAU_CLIENT_DIST || join(APP_ROOT, 'dist/client');

/** Paths the single-page app must never swallow. */
const SERVER_PATHS = /^\/(api|socket\.io|collab|healthz|readyz)(\/|$)/;

/**
 * The copies `scripts/build-client.mjs` writes beside each text file of the build (`.br`: brotli at its best
 * quality, `.gz`: gzip level 9), best first. Nothing is compressed per request: that would cost CPU on every
 * download, and a build compresses once, harder than a server could afford to.
 */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number];

/** The files the build may have compressed (the same list as the build's); anything else is sent as it is. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|xml|webmanifest)$/;

/** Hashed assets never change under their name; the rest of the build's root (favicon) is kept an hour. */
const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
const CACHE_ROOT = 'public, max-age=3600';
/** `index.html` names the current hashed assets: always revalidated, so a release reaches the next page load. */
const CACHE_INDEX = 'no-cache';

/**
 * The precompressed encodings a request's `Accept-Encoding` allows, best first: its q-values decide, brotli before
 * gzip at equal q; `*` stands for any encoding not named; q=0 refuses. No header: none (the file as it is).
 */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  if (!header) return [];
  const quality = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [token = '', ...params] = part.split(';').map((piece) => piece.trim());
    if (token === '') continue;
    const q = params.map((param) => /^q=([0-9.]+)$/.exec(param.replaceAll(' ', ''))?.[1]).find((value) => value !== undefined);
    const value = q === undefined ? 1 : Number(q);
    if (!Number.isFinite(value)) continue;
    const name = token === 'x-gzip' ? 'gzip' : token;
    quality.set(name, Math.max(value, quality.get(name) ?? 0));
  }
  const any = quality.get('*') ?? 0;
  return ENCODINGS.map((encoding) => ({ encoding, q: quality.get(encoding.name) ?? any }))
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q)
    .map(({ encoding }) => encoding);
}

/**
 * Sends the build's precompressed copy of `path` (a URL path below `root`) in the best encoding the request
 * accepts, with the original file's Content-Type, `Content-Encoding`, `Vary: Accept-Encoding` and
 * `cacheControl`; ranges, conditional requests and HEAD apply to that copy, as HTTP says for an encoded
 * representation (its ETag is its own). Calls `fallback` when no accepted copy exists (too small to compress,
 * no Accept-Encoding, a path outside the build): the file is then sent as it is.
 */
function sendPrecompressed(req: Request, res: Response, root: string, path: string, cacheControl: string, fallback: () => void): void {
  // Even the uncompressed answer depends on Accept-Encoding: a shared cache must not hand it to every browser.
  res.vary('Accept-Encoding');
  const encodings = acceptedEncodings(req.headers['accept-encoding']);
  const attempt = (index: number): void => {
    const encoding = encodings[index];
    if (!encoding) {
      fallback();
      return;
    }
    res.type(extname(path));
    res.setHeader('Content-Encoding', encoding.name);
    res.setHeader('Cache-Control', cacheControl);
    // `root` makes send refuse `..` and dot files (the build's `.vite/` manifest) itself.
    res.sendFile(path + encoding.suffix, { root, dotfiles: 'ignore', cacheControl: false }, (error?: Error & { status?: number }) => {
      if (!error || res.headersSent) return; // sent, or the client went away mid-transfer
      res.removeHeader('Content-Encoding');
      res.removeHeader('Content-Type');
      res.removeHeader('Cache-Control');
      if (error.status === 416) {
        // send has set `Content-Range: bytes */<length of this copy>`.
        res.status(416).end();
        return;
      }
      attempt(index + 1);
    });
  };
  attempt(0);
}

/**
 * Serves the built client: hashed assets are cached for a year, `index.html` never, and every other GET
 * that is not a server path gets `index.html` so client-side routes work on reload. Text files go out as the
 * build's brotli or gzip copy when the browser accepts it (see `sendPrecompressed`).
 */
export function staticClient(logger: Logger, distDir: string = CLIENT_DIST_DIR): Router {
  const router = Router();
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    logger.warn({ distDir }, 'client build missing: run `node scripts/build-client.mjs` (npm start does it)');
  }
  router.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !COMPRESSIBLE.test(req.path) || SERVER_PATHS.test(req.path)) {
      next();
      return;
    }
    const cacheControl = req.path.startsWith('/assets/') ? CACHE_IMMUTABLE : req.path === '/index.html' ? CACHE_INDEX : CACHE_ROOT;
    sendPrecompressed(req, res, distDir, req.path, cacheControl, () => next());
  });
  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  router.use(
    express.static(distDir, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, path) => {
        if (path === indexFile) res.setHeader('Cache-Control', CACHE_INDEX);
      },
    }),
  );
  router.get(/.*/, (req, res, next) => {
    if (SERVER_PATHS.test(req.path)) {
      next();
      return;
    }
    sendPrecompressed(req, res, distDir, '/index.html', CACHE_INDEX, () => {
      res.setHeader('Cache-Control', CACHE_INDEX);
      res.sendFile(indexFile, (error) => {
        if (error) next(error);
      });
    });
  });
  return router;
}
