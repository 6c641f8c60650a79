import { Router } from 'express';
import type { ServerContext } from '../context';

/** Whether the process is shutting down; `/readyz` then answers 503 so load balancers drain it. */
export interface Readiness {
  draining: boolean;
}

const READY_TIMEOUT_MS = 2_000;

/** `/healthz`: the process is alive. `/readyz`: the store answers and we are not draining. */
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
