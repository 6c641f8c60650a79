import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { PERSONAS, personaWorld, type Persona, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';

describe('spaces', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let space: SpaceSummary;
  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    const created = await world.browsers.teacher.post<SpaceSummary>('/api/spaces', {
      kind: 'wall',
      title: 'Les volcans',
      scope: { kind: 'class', classId: world.classId },
    });
    expect(created.status).toBe(201);
    space = created.body;
  });
  afterAll(async () => {
    await server.stop();
    server.cleanup();
  });

  it('lets only teachers of the scope (and the director) create a space', async () => {
    const attempt = (persona: Persona) =>
      world.browsers[persona].post('/api/spaces', { kind: 'pad', title: 'Essai', scope: { kind: 'class', classId: world.classId } });
    for (const persona of PERSONAS) {
      const status = (await attempt(persona)).status;
      expect(status, persona).toBe(persona === 'teacher' || persona === 'director' ? 201 : 403);
    }
  });

  it('shows a class space to its pupils, teachers, parents and the director only', async () => {
    const readers: Persona[] = ['pupil', 'pupilModerator', 'teacher', 'parent', 'director'];
    for (const persona of PERSONAS) {
      const list = await world.browsers[persona].get<SpaceSummary[]>('/api/spaces');
      expect(list.body.some((item) => item.id === space.id), persona).toBe(readers.includes(persona));
      expect((await world.browsers[persona].get(`/api/spaces/${space.id}`)).status, persona).toBe(readers.includes(persona) ? 200 : 403);
    }
  });

  it('refuses settings outside the kind’s schema', async () => {
    const answer = await world.browsers.teacher.send<{ error: { issues: { path: string }[] } }>('PATCH', `/api/spaces/${space.id}`, { settings: { evil: true }, version: space.version });
    expect(answer.status).toBe(400);
    expect(answer.body.error.issues.map((issue) => issue.path)).toContain('settings');
  });

  it('pushes a settings change live to everyone viewing the space, with presence', async () => {
    const pupilSocket = await openSocket(server, world.browsers.pupil);
    const parentSocket = await openSocket(server, world.browsers.parent);
    const joined = (await pupilSocket.timeout(5_000).emitWithAck('space:join', { spaceId: space.id })) as { ok: boolean; data: { present: number } };
    expect(joined.ok).toBe(true);
    const presence = new Promise<number>((resolve) => pupilSocket.on('space:presence', (p: { present: number }) => p.present === 2 && resolve(p.present)));
    await parentSocket.timeout(5_000).emitWithAck('space:join', { spaceId: space.id });
    expect(await presence).toBe(2);

    const updates = [pupilSocket, parentSocket].map(
      (socket) => new Promise<SpaceSummary>((resolve) => socket.once('space:updated', resolve)),
    );
    const answer = await world.browsers.teacher.send<SpaceSummary>('PATCH', `/api/spaces/${space.id}`, { locked: true, version: space.version });
    expect(answer.status).toBe(200);
    for (const update of await Promise.all(updates)) expect(update).toMatchObject({ id: space.id, locked: true, version: answer.body.version });

    const outsider = await openSocket(server, world.browsers.pupilOtherClass);
    expect(await outsider.timeout(5_000).emitWithAck('space:join', { spaceId: space.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    for (const socket of [pupilSocket, parentSocket, outsider]) socket.close();
  });

  it('designates and revokes pupil moderators (teachers of the scope and the director only), audited', async () => {
    const designate = (persona: Persona, userId = world.ids.pupilModerator) =>
      world.browsers[persona].post<SpaceSummary>(`/api/spaces/${space.id}/moderators`, { userId });
    for (const persona of ['pupil', 'pupilOtherClass', 'pupilModerator', 'teacherOtherClass', 'parent'] as const) {
      expect((await designate(persona)).status, persona).toBe(403);
    }
    expect((await designate('teacher', world.ids.pupilOtherClass)).status).toBe(400);
    expect((await designate('teacher', world.ids.parent)).status).toBe(400);
    const answer = await designate('teacher');
    expect(answer.status).toBe(200);
    expect(answer.body.moderatorIds).toEqual([world.ids.pupilModerator]);
    // A pupil moderator moderates but does not configure the space.
    expect((await world.browsers.pupilModerator.send('PATCH', `/api/spaces/${space.id}`, { locked: false, version: answer.body.version })).status).toBe(403);
    const revoked = await world.browsers.director.send<SpaceSummary>('DELETE', `/api/spaces/${space.id}/moderators/${world.ids.pupilModerator}`);
    expect(revoked.body.moderatorIds).toEqual([]);
    const log = await world.browsers.director.get<{ items: { event: string; target: { id: string } }[] }>('/api/audit?pageSize=200');
    const events = log.body.items.filter((item) => item.target.id === world.ids.pupilModerator).map((item) => item.event);
    expect(events).toContain('moderation.designated');
    expect(events).toContain('moderation.revoked');
  });

  it('lets a pupil change nothing in the settings', async () => {
    const current = (await world.browsers.pupil.get<SpaceSummary>(`/api/spaces/${space.id}`)).body;
    const answer = await world.browsers.pupil.send('PATCH', `/api/spaces/${space.id}`, { locked: false, version: current.version });
    expect(answer.status).toBe(403);
  });
});
