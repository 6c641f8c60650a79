import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { createTestContext } from '../../helpers/context';
import { evidenceCollection, evidenceKeeper, evidencePurger } from '../../../server/features/moderation/evidence';

describe('audit console', () => {
  let server: TestServer;
  let world: PersonaWorld;
  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
  });
  afterAll(async () => {
    await server.stop();
    server.cleanup();
  });

  it('exports CSV with actors, neutralises formulas, and logs the export itself', async () => {
    const answer = await world.browsers.director.send<string>('GET', '/api/audit/export.csv?event=auth.login');
    expect(answer.status).toBe(200);
    expect(String(answer.headers['content-type'])).toContain('text/csv');
    const lines = answer.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Auteur');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.slice(1).every((line) => line.split(';')[1] === 'Connexion')).toBe(true);
    expect(lines.some((line) => line.split(';')[3] === 'Claire Fontaine')).toBe(true);
    const log = await world.browsers.director.get<{ items: AuditEntry[] }>('/api/audit?event=audit.exported');
    expect(log.body.items[0]).toMatchObject({ event: 'audit.exported', actor: { userId: world.ids.director } });
  });

  it('filters by actor, event and date range, with pagination', async () => {
    const now = Date.now();
    const page1 = await world.browsers.director.get<{ items: AuditEntry[]; total: number }>(`/api/audit?actor=${world.ids.pupil}&pageSize=2&to=${now}`);
    expect(page1.body.total).toBeGreaterThanOrEqual(2);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items.every((entry) => entry.actor.userId === world.ids.pupil && entry.ts <= now)).toBe(true);
    const page2 = await world.browsers.director.get<{ items: AuditEntry[] }>(`/api/audit?actor=${world.ids.pupil}&pageSize=2&page=2&to=${now}`);
    expect(page2.body.items[0]?.seq).not.toBe(page1.body.items[0]?.seq);
  });

  it('shows a teacher the actions of a pupil of her class (not their network details), and logs that read', async () => {
    const activity = await world.browsers.teacher.get<{ items: AuditEntry[]; user: { displayName: string } }>(`/api/users/${world.ids.pupil}/activity`);
    expect(activity.status).toBe(200);
    expect(activity.body.items.every((entry) => entry.actor.ip === null && entry.actor.userAgent === null && entry.actor.sessionHash === null)).toBe(true);
    const whole = await world.browsers.director.get<{ items: AuditEntry[] }>(`/api/users/${world.ids.pupil}/activity`);
    expect(whole.body.items.some((entry) => entry.actor.ip !== null)).toBe(true);
    expect(activity.body.user.displayName).toBe('Léa Martin');
    expect(activity.body.items.map((entry) => entry.event)).toContain('auth.login');
    const readers = await world.browsers.director.get<{ items: AuditEntry[] }>('/api/audit/readers');
    expect(readers.body.items.some((entry) => entry.event === 'activity.read' && entry.actor.userId === world.ids.teacher)).toBe(true);
    expect(readers.body.items.some((entry) => entry.event === 'audit.exported')).toBe(true);
  });
});

describe('evidence retention', () => {
  it('purges expired evidence and logs the purge', async () => {
    const env = await createTestContext();
    try {
      const base = { schoolId: 's1', spaceId: 'sp1', classId: null, itemType: 'chatMessage', authorId: 'u1', original: { text: 'x' }, action: 'hide', reason: 'insulte', moderatorId: 't1' };
      const kept = await evidenceKeeper(env.ctx, { ...base, itemId: 'm1' });
      expect(kept.expiresAt - kept.createdAt).toBeGreaterThan(300 * 24 * 3600 * 1000);
      await evidenceKeeper(env.ctx, { ...base, itemId: 'm2' });
      expect(await evidencePurger(env.ctx, kept.expiresAt - 60_000)).toBe(0);
      expect(await evidencePurger(env.ctx, kept.expiresAt + 60_000)).toBe(2);
      expect(await evidenceCollection(env.ctx).count({})).toBe(0);
      expect(await env.ctx.services.audit.count({ event: 'evidence.purged' })).toBe(1);
    } finally {
      await env.close();
    }
  });
});
