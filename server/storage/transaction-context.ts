import type { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Turns the context tracking off while no transaction is open. On Node 20 an AsyncLocalStorage in use installs
 * process-wide promise hooks that make every `await` of the server (sockets, handlers) markedly slower; the
 * transactions only need them while one is open (`run` turns them back on). Disabled, `getStore()` answers
 * undefined: everyone is outside, which is right when no transaction is open. A continuation that a finished
 * transaction left behind still counts as outside of the next one (its store is that old transaction).
 */
export function quietWhenIdle(context: AsyncLocalStorage<unknown>, idle: () => boolean): void {
  if (idle()) context.disable();
}
