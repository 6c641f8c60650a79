import type { Express } from 'express';
import { ROUTE_MARK } from './route';

interface Layer {
  route?: { path: string; stack: { handle: unknown; method?: string }[] };
  handle?: { stack?: Layer[] };
  name?: string;
}

/** Routes the policy check does not guard: not made by `defineRoute`, apart from the explicitly public basics. */
export function findUnguardedRoutes(app: Express, allowed: readonly string[] = ['GET /healthz', 'GET /readyz', 'GET /.*/']): string[] {
  const unguarded: string[] = [];
  const walk = (stack: Layer[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        for (const entry of layer.route.stack) {
          const name = `${(entry.method ?? 'all').toUpperCase()} ${String(layer.route.path)}`;
          const marked = typeof entry.handle === 'function' && ROUTE_MARK in entry.handle;
          if (!marked && !allowed.includes(name)) unguarded.push(name);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return unguarded;
}
