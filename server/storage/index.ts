/** The storage module's public surface: the port (types, errors, ids) and the adapter chooser. */
export * from './port';
export { openStore, type OpenStoreOptions } from './open';
export type { StoreLogger } from './logger';
