import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { WallSection } from '../../../shared/wall/settings';
import type { WallCard } from '../../../shared/wall/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { ask, auditEntries, createWall, fullSync, joinWall, must, nextEvent, patchWall, postCard } from './support';

const idsOf = (sections: WallSection[]) => [...sections].sort((a, b) => a.order - b.order).map((section) => section.id);
const sectionsOf = (space: SpaceSummary) => idsOf((space.settings as { sections: WallSection[] }).sections);

describe('wall layout: sections reordered, cards pinned, the stream order, live and audited', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let spaceId: string;
  const sockets: Socket[] = [];
  let teacher: Socket, director: Socket, pupil: Socket;

  beforeAll(async () => {
    server = await startServer({ env: { WALL_BROADCAST_WINDOW_MS: '0' } });
    world = await personaWorld(server);
    spaceId = (
      await createWall(world.browsers.teacher, world.classId, {
        sections: [
          { id: 'a', title: 'Avant', order: 0 },
          { id: 'b', title: 'Pendant', order: 1 },
          { id: 'c', title: 'Après', order: 2 },
        ],
      })
    ).id;
    teacher = await joinWall(server, world.browsers.teacher, spaceId);
    director = await joinWall(server, world.browsers.director, spaceId);
    pupil = await joinWall(server, world.browsers.pupil, spaceId);
    sockets.push(teacher, director, pupil);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('a teacher reorders the sections: everyone viewing the wall gets the new order live, audited', async () => {
    const seen = nextEvent<SpaceSummary>(pupil, 'space:updated', (space) => sectionsOf(space).join() === 'c,a,b');
    const { sections } = await must<{ sections: WallSection[] }>(teacher, 'wall:sections:reorder', { spaceId, sectionIds: ['c', 'a', 'b'] });
    expect(idsOf(sections)).toEqual(['c', 'a', 'b']);
    expect(sections.map((section) => section.order)).toEqual([0, 1, 2]);
    expect(sectionsOf(await seen)).toEqual(['c', 'a', 'b']);
    // A reload reads it again (the wall's settings come with the space).
    expect(sectionsOf((await world.browsers.pupil.get<SpaceSummary>(`/api/spaces/${spaceId}`)).body)).toEqual(['c', 'a', 'b']);
    expect((await auditEntries(world.browsers.director, 'wall.sections_reordered')).some((entry) => entry.target.id === spaceId && entry.actor.userId === world.ids.teacher)).toBe(true);
  });

  it('two reorders at once: no section is lost, and the final order is one of them', async () => {
    const first = ['b', 'c', 'a'];
    const second = ['a', 'b', 'c'];
    const answers = await Promise.all([ask(teacher, 'wall:sections:reorder', { spaceId, sectionIds: first }), ask(director, 'wall:sections:reorder', { spaceId, sectionIds: second })]);
    expect(answers.every((answer) => answer.ok)).toBe(true);
    const final = sectionsOf((await world.browsers.teacher.get<SpaceSummary>(`/api/spaces/${spaceId}`)).body);
    expect([first.join(), second.join()]).toContain(final.join());
  });

  it('a stale order (a section added meanwhile, one removed) never loses a section', async () => {
    const { sections: before } = await must<{ sections: WallSection[] }>(teacher, 'wall:sections:reorder', { spaceId, sectionIds: ['a', 'b', 'c'] });
    await patchWall(world.browsers.teacher, spaceId, { settings: { sections: [...before, { id: 'd', title: 'Bilan', order: 3 }] } });
    // The director's screen still shows three sections, and one id that is no longer a section: « Bilan » stays
    // after « Après », the section it followed.
    const { sections } = await must<{ sections: WallSection[] }>(director, 'wall:sections:reorder', { spaceId, sectionIds: ['c', 'b', 'a', 'gone'] });
    expect(idsOf(sections)).toEqual(['c', 'd', 'b', 'a']);
  });

  it('a pupil may neither reorder the sections nor pin a card', async () => {
    const { card } = await postCard(pupil, spaceId, { title: 'Ma carte' });
    const reorder = await ask(pupil, 'wall:sections:reorder', { spaceId, sectionIds: ['a', 'b', 'c', 'd'] });
    expect(reorder).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const pin = await ask(pupil, 'wall:card:pin', { spaceId, cardId: card.id, pinned: true });
    expect(pin).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(sectionsOf((await world.browsers.teacher.get<SpaceSummary>(`/api/spaces/${spaceId}`)).body)).toEqual(['c', 'd', 'b', 'a']);
  });

  it('a teacher pins a card: the pupil gets it live, it survives a reload and a catch-up, audited; unpinning too', async () => {
    const { card } = await postCard(pupil, spaceId, { title: 'À épingler' });
    const { seq } = await fullSync(pupil, spaceId);
    const seen = nextEvent<WallCard>(pupil, 'wall:card', (changed) => changed.id === card.id && changed.pinned === true);
    const pinned = await must<{ card: WallCard }>(teacher, 'wall:card:pin', { spaceId, cardId: card.id, pinned: true });
    expect(pinned.card.pinned).toBe(true);
    expect((await seen).pinned).toBe(true);
    // A page that reconnects catches up from the last operation it saw; a reload reads everything.
    const caughtUp = await must<{ cards: WallCard[] }>(pupil, 'wall:sync', { spaceId, sinceSeq: seq });
    expect(caughtUp.cards.find((changed) => changed.id === card.id)?.pinned).toBe(true);
    const reloaded = await joinWall(server, world.browsers.pupil, spaceId);
    sockets.push(reloaded);
    expect((await fullSync(reloaded, spaceId)).cards.find((changed) => changed.id === card.id)?.pinned).toBe(true);
    expect((await auditEntries(world.browsers.director, 'wall.card_pinned')).some((entry) => entry.target.id === card.id && entry.actor.userId === world.ids.teacher)).toBe(true);

    const unseen = nextEvent<WallCard>(pupil, 'wall:card', (changed) => changed.id === card.id && !changed.pinned);
    await must(teacher, 'wall:card:pin', { spaceId, cardId: card.id, pinned: false });
    expect((await unseen).pinned).toBeFalsy();
    expect((await auditEntries(world.browsers.director, 'wall.card_unpinned')).some((entry) => entry.target.id === card.id)).toBe(true);
  });

  it('the stream order is a wall setting that reaches everyone viewing it', async () => {
    const current = (await world.browsers.teacher.get<SpaceSummary>(`/api/spaces/${spaceId}`)).body;
    expect((current.settings as { streamOrder?: string }).streamOrder ?? 'newestLast').toBe('newestLast');
    const seen = nextEvent<SpaceSummary>(pupil, 'space:updated', (space) => (space.settings as { streamOrder?: string }).streamOrder === 'newestFirst');
    await patchWall(world.browsers.teacher, spaceId, { settings: { layout: 'stream', streamOrder: 'newestFirst' } });
    expect(((await seen).settings as { streamOrder: string }).streamOrder).toBe('newestFirst');
    const bad = await world.browsers.teacher.send('PATCH', `/api/spaces/${spaceId}`, { version: (await world.browsers.teacher.get<SpaceSummary>(`/api/spaces/${spaceId}`)).body.version, settings: { streamOrder: 'sideways' } });
    expect(bad.status).toBe(400);
  });
});
