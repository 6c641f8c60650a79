import { Router } from 'express';
import type { ServerContext } from '../context';

/**
 * What `/readyz` knows of the process: whether its start-up work (audit log and indexes, the demo seed) is
 * done, and whether it is shutting down. The HTTP server listens before the seed (its origin policy needs the
 * port), so until `started` a load balancer, an orchestrator or a newcomer's script is told to wait.
 */
export interface Readiness {
  started: boolean;
  draining: boolean;
}

const READY_TIMEOUT_MS = 2_000;

/**
 * `/healthz`: the process is alive. `/readyz`: 200 once the start-up work is done and while the store answers
 * and we are not draining; 503 otherwise (`starting`, `draining`, `unavailable`).
 */
export function healthRoutes(ctx: ServerContext, readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    if (readiness.draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    if (!readiness.started) {
      res.status(503).json({ status: 'starting' });
      return;
    }
    try {
      await withTimeout(ctx.store.ping(), READY_TIMEOUT_MS);
      res.json({ status: 'ready', store: ctx.store.kind });
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', store: ctx.store.kind });
    }
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
