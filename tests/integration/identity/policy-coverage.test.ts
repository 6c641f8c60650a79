import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEventSchemas } from '../../../shared/realtime/events';
import { createApp } from '../../../server/http/app';
import { findUnguardedRoutes } from '../../../server/http/route-coverage';
import { declaredRoutes } from '../../../server/http/route';
import '../../../server/realtime/gateway';
import { socketHandlers } from '../../../server/realtime/handlers';
import { createTestContext } from '../../helpers/context';

describe('policy coverage', () => {
  let env: Awaited<ReturnType<typeof createTestContext>>;
  beforeAll(async () => {
    env = await createTestContext();
  });
  afterAll(async () => {
    await env.close();
  });

  it('every REST route of the real app is declared with a policy', () => {
    const app = createApp(env.ctx, { started: true, draining: false });
    expect(findUnguardedRoutes(app)).toEqual([]);
    expect(declaredRoutes.length).toBeGreaterThan(10);
    for (const route of declaredRoutes) expect(['public', 'signedIn', 'check']).toContain(route.policy);
  });

  it('demonstrably fails on a handler that has no policy', () => {
    const app = createApp(env.ctx, { started: true, draining: false });
    app.get('/api/rogue', (_req, res) => {
      res.json({ leaked: true });
    });
    expect(findUnguardedRoutes(app)).toEqual(['GET /api/rogue']);
  });

  it('every socket event has a schema, a handler and a policy', () => {
    for (const event of Object.keys(clientEventSchemas)) {
      const registered = socketHandlers.get(event as keyof typeof clientEventSchemas);
      expect(registered, event).toBeDefined();
      expect('signedIn' in registered!.policy || 'check' in registered!.policy).toBe(true);
    }
    expect([...socketHandlers.keys()].sort()).toEqual(Object.keys(clientEventSchemas).sort());
  });
});
