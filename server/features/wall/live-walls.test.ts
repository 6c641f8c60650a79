import { describe, expect, it } from 'vitest';
import { WALL_CACHE_TTL_MS } from '../../../shared/wall/limits';
import { wallSettingsOf } from '../../../shared/wall/settings';
import type { SpaceDoc } from '../spaces/model';
import { spaceResource } from '../spaces/model';
import { liveWorld } from '../spaces/live-world';
import { newLiveWalls } from './live-walls';

const space = (id: string, version: number): SpaceDoc =>
  ({ _id: id, schoolId: 's1', kind: 'wall', scope: { kind: 'school' }, ownerId: 'o', writers: 'everyone', writerIds: [], parentsMayComment: false, locked: false, moderatorIds: [], settings: {}, version, archived: false }) as unknown as SpaceDoc;

/** Walls whose version the test bumps, and whose loads it can hold back (`liveWorld`). */
function world() {
  const w = liveWorld((load, now) =>
    newLiveWalls(async (spaceId, schoolId) => {
      const doc = space(spaceId, await load(spaceId, schoolId));
      return { space: doc, resource: spaceResource(doc), settings: wallSettingsOf(doc.settings), muted: new Map() };
    }, now),
  );
  return { ...w, walls: w.cache };
}

describe('LiveWalls: the walls a node serves, loaded once and dropped on every change', () => {
  it('loads a wall once, and again after a drop', async () => {
    const w = world();
    expect((await w.walls.get('a', 's1')).space.version).toBe(1);
    await w.walls.get('a', 's1');
    expect(w.loads()).toBe(1);
    w.bump('a');
    w.walls.drop();
    expect((await w.walls.get('a', 's1')).space.version).toBe(2);
    expect(w.loads()).toBe(2);
  });

  it('does not keep a load that began before a drop (it may hold the state from before the change)', async () => {
    const w = world();
    const release = w.hold();
    const early = w.walls.get('a', 's1');
    w.bump('a');
    w.walls.drop();
    release();
    expect((await early).space.version).toBe(1);
    expect((await w.walls.get('a', 's1')).space.version).toBe(2);
  });

  it('keeps the rights computed on a wall across a reload for age at the same version, not across a change', async () => {
    const w = world();
    const first = await w.walls.get('a', 's1');
    w.tick(WALL_CACHE_TTL_MS);
    const aged = await w.walls.get('a', 's1');
    expect(aged).not.toBe(first);
    expect(aged.rights).toBe(first.rights);
    w.tick(WALL_CACHE_TTL_MS);
    w.bump('a');
    expect((await w.walls.get('a', 's1')).rights).not.toBe(first.rights);
    w.walls.drop();
    expect((await w.walls.get('a', 's1')).rights).not.toBe(first.rights);
  });

  it('reloads after the time-to-live, and for another school', async () => {
    const w = world();
    await w.walls.get('a', 's1');
    w.tick(WALL_CACHE_TTL_MS - 1);
    await w.walls.get('a', 's1');
    expect(w.loads()).toBe(1);
    w.tick(1);
    await w.walls.get('a', 's1');
    expect(w.loads()).toBe(2);
    await w.walls.get('a', 's2');
    expect(w.loads()).toBe(3);
  });
});
