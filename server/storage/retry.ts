/**
 * The retry rule both adapters apply around one transaction attempt: feature code throws
 * TransactionConflictError when what it read went stale, and the whole transaction runs again.
 */
import type { AsyncResource } from 'node:async_hooks';
import { TRANSACTION_MAX_ATTEMPTS, TransactionConflictError } from './port';

/** One store transaction in a group commit (both adapters), waiting for its batch or its commit. */
export interface BatchMember {
  fn: () => Promise<unknown>;
  /** The caller's async context, where `fn` runs (whichever caller's turn started the batch). */
  scope: AsyncResource;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** How many times `fn` has run and failed with TransactionConflictError. */
  conflicts: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The pause before attempt `n + 1` after `n` conflicting ones: random (1 ms to a few ms, growing) so processes
 * that collided once do not collide again in lockstep.
 */
export function conflictPauseMs(n: number): number {
  return 1 + Math.random() * 2 * n;
}

/** Whether a transaction that failed with `error` after `n` attempts runs again. */
export function rerunAfter(error: unknown, n: number): boolean {
  return error instanceof TransactionConflictError && n < TRANSACTION_MAX_ATTEMPTS;
}

/** Runs `attempt` until it does not fail with TransactionConflictError, at most TRANSACTION_MAX_ATTEMPTS times. */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!rerunAfter(error, n)) throw error;
    }
    await sleep(conflictPauseMs(n));
  }
}
