/** Shared plumbing for the storage contract suite. */
import { afterEach, beforeEach } from 'vitest';
import type { BaseDoc, Collection, Filter, Store } from '../../../server/storage/port';

export interface StoreHandle {
  store: Store;
  /** Closes the store and removes everything it created (temp dir, database). */
  cleanup(): Promise<void>;
  /** Closes the store and opens the same data again (another process would see the same). */
  reopen?(): Promise<Store>;
}

export type MakeStore = () => Promise<StoreHandle>;

export interface StoreContext {
  readonly store: Store;
  readonly handle: StoreHandle;
  /** Replaces the current store after a reopen, so later helpers and cleanup use it. */
  setStore(store: Store): void;
  collection<T extends BaseDoc>(name?: string): Collection<T>;
}

/** A fresh store for every test: tests never see each other's data. */
export function useStore(makeStore: MakeStore): StoreContext {
  let handle: StoreHandle | undefined;
  let current: Store | undefined;
  beforeEach(async () => {
    handle = await makeStore();
    current = handle.store;
  });
  afterEach(async () => {
    await handle?.cleanup();
    handle = undefined;
    current = undefined;
  });
  return {
    get store(): Store {
      if (!current) throw new Error('no store: used outside a test');
      return current;
    },
    get handle(): StoreHandle {
      if (!handle) throw new Error('no store: used outside a test');
      return handle;
    },
    setStore(store: Store) {
      current = store;
    },
    collection<T extends BaseDoc>(name = 'things'): Collection<T> {
      if (!current) throw new Error('no store: used outside a test');
      return current.collection<T>(name);
    },
  };
}

/** Sorted ids of the documents a filter finds: order-independent comparisons. */
export async function idsOf<T extends BaseDoc>(collection: Collection<T>, filter: Filter): Promise<string[]> {
  return (await collection.find(filter)).map((doc) => doc._id).sort();
}
