/**
 * Creating a wall from a template or from one of the teacher's own walls (issue 19, Deliver 2): the template's
 * layout, sections and settings, its example cards when asked (authored by the teacher); a wall's settings copied
 * from the teacher's own wall; another teacher's wall refused (403, `configure` asked through `can()`).
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { WallSettings } from '../../../shared/wall/settings';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { auditEntries, createWall, fullSync } from '../wall/support';

describe('walls from templates', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let teacher: Socket;
  const create = (persona: 'teacher' | 'teacherOtherClass', body: Record<string, unknown>) =>
    world.browsers[persona].post<SpaceSummary>('/api/spaces', { kind: 'wall', title: 'Les volcans', scope: { kind: 'class', classId: persona === 'teacher' ? world.classId : world.otherClassId }, ...body });

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    teacher = await openSocket(server, world.browsers.teacher);
  });
  afterAll(async () => {
    teacher?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('a wall from « Ce que je sais… » has its three sections, and its example cards when asked, by the teacher', async () => {
    const plain = await create('teacher', { template: 'kwl' });
    expect(plain.status).toBe(201);
    const settings = plain.body.settings as WallSettings;
    expect(settings.layout).toBe('columns');
    expect(settings.sections.map((section) => section.title)).toEqual(['Ce que je sais', 'Ce que je veux savoir', 'Ce que j’ai appris']);
    expect((await fullSync(teacher, plain.body.id)).cards).toEqual([]);

    const withExamples = await create('teacher', { template: 'kwl', withExamples: true });
    expect(withExamples.status).toBe(201);
    const cards = (await fullSync(teacher, withExamples.body.id)).cards;
    expect(cards).toHaveLength(3);
    expect(new Set(cards.map((card) => card.sectionId))).toEqual(new Set(settings.sections.map((section) => section.id)));
    expect(cards.every((card) => card.authorId === world.ids.teacher && card.status === 'published')).toBe(true);
  });

  it('refuses an unknown template, and a template for a pad', async () => {
    expect((await create('teacher', { template: 'padlet' })).status).toBe(400);
    expect((await world.browsers.teacher.post('/api/spaces', { kind: 'pad', title: 'Texte', scope: { kind: 'class', classId: world.classId }, template: 'kwl' })).status).toBe(400);
  });

  it('a wall from one’s own wall copies its settings (not its cards), and the audit names the source', async () => {
    const source = await createWall(world.browsers.teacher, world.classId, { layout: 'stream', background: 'lavande', reaction: 'vote', preModeration: true });
    await teacher.timeout(5_000).emitWithAck('wall:card:create', { spaceId: source.id, title: 'Une carte' });
    const copy = await create('teacher', { fromSpaceId: source.id, title: 'Les volcans, année 2' });
    expect(copy.status).toBe(201);
    expect(copy.body.settings).toEqual(source.settings);
    expect(copy.body.title).toBe('Les volcans, année 2');
    expect((await fullSync(teacher, copy.body.id)).cards).toEqual([]);
    expect((await auditEntries(world.browsers.director, 'space.duplicated')).map((entry) => entry.target.id)).toContain(copy.body.id);
  });

  it('refuses to start from another teacher’s wall (403)', async () => {
    const theirs = await createWall(world.browsers.teacherOtherClass, world.otherClassId, { layout: 'canvas' });
    expect((await create('teacher', { fromSpaceId: theirs.id })).status).toBe(403);
  });
});
