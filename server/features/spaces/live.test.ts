import { describe, expect, it } from 'vitest';
import { LiveCache } from './live';
import { liveWorld } from './live-world';

/** Entries whose version the test bumps, whose loads it counts and can hold back, on a clock it moves. */
function world(options: { maxEntries?: number; carry?: boolean } = {}) {
  return liveWorld(
    (load, now) =>
      new LiveCache<{ id: string; version: number; carried?: number }>({
        load: async (id, schoolId) => {
          if (schoolId !== 's1') {
            await load(id, schoolId);
            throw new Error('NOT_FOUND');
          }
          return { id, version: await load(id, schoolId) };
        },
        ttlMs: 1_000,
        maxEntries: options.maxEntries ?? 10,
        ...(options.carry ? { carry: (kept, loaded) => ({ ...loaded, carried: kept.version }) } : {}),
        now,
      }),
  );
}

describe('LiveCache: what a node decides on per space, loaded once and dropped on every change', () => {
  it('loads an entry once, and again after a drop of it or of everything', async () => {
    const w = world();
    expect((await w.cache.get('a', 's1')).version).toBe(1);
    await w.cache.get('a', 's1');
    expect(w.loads()).toBe(1);
    w.bump('a');
    w.cache.drop('a');
    expect((await w.cache.get('a', 's1')).version).toBe(2);
    w.bump('a');
    w.cache.drop();
    expect((await w.cache.get('a', 's1')).version).toBe(3);
    expect(w.loads()).toBe(3);
  });

  it('does not keep a load that began before a drop (it may hold the state from before the change)', async () => {
    const w = world();
    const release = w.hold();
    const early = w.cache.get('a', 's1');
    w.bump('a');
    w.cache.drop('a');
    release();
    expect((await early).version).toBe(1);
    expect((await w.cache.get('a', 's1')).version).toBe(2);
  });

  it('reloads after the time-to-live, and for another school (whose load refuses it, keeping nothing)', async () => {
    const w = world();
    await w.cache.get('a', 's1');
    w.tick(999);
    await w.cache.get('a', 's1');
    expect(w.loads()).toBe(1);
    w.tick(1);
    await w.cache.get('a', 's1');
    expect(w.loads()).toBe(2);
    await expect(w.cache.get('a', 's2')).rejects.toThrow('NOT_FOUND');
    await w.cache.get('a', 's1');
    expect(w.loads()).toBe(3);
  });

  it('carries what its owner keeps over a reload for age, not over a drop', async () => {
    const w = world({ carry: true });
    await w.cache.get('a', 's1');
    w.tick(1_000);
    expect((await w.cache.get('a', 's1')).carried).toBe(1);
    w.cache.drop();
    expect((await w.cache.get('a', 's1')).carried).toBeUndefined();
  });

  it('forgets the oldest loaded beyond its size', async () => {
    const w = world({ maxEntries: 2 });
    await w.cache.get('a', 's1');
    await w.cache.get('b', 's1');
    await w.cache.get('c', 's1');
    expect(w.loads()).toBe(3);
    await w.cache.get('b', 's1');
    await w.cache.get('c', 's1');
    expect(w.loads()).toBe(3);
    await w.cache.get('a', 's1');
    expect(w.loads()).toBe(4);
  });
});
