/**
 * A test world for the live caches (`LiveCache` and what is built on it, e.g. live walls): entries whose version
 * the test bumps, loads it counts and can hold back, on a clock it moves. `make` builds the cache from the world's
 * loader (id, school → the entry's current version, after the gate) and clock.
 */
export function liveWorld<C>(make: (load: (id: string, schoolId: string) => Promise<number>, now: () => number) => C) {
  const versions = new Map<string, number>();
  let clock = 1_000_000;
  let loads = 0;
  let gate: Promise<void> | null = null;
  const cache = make(
    async (id) => {
      loads += 1;
      const version = versions.get(id) ?? 1;
      if (gate) await gate;
      return version;
    },
    () => clock,
  );
  return {
    cache,
    bump: (id: string) => versions.set(id, (versions.get(id) ?? 1) + 1),
    loads: () => loads,
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    tick: (ms: number) => (clock += ms),
  };
}
