import type { ServerContext } from './context';

/**
 * The server's time for what depends on the calendar (quiet hours, holidays, daily summaries, coalescing windows).
 * STUB until the quiet-hours engineer lands the injectable clock (tests move it through configuration): the real time.
 */
export function serverNow(_ctx: ServerContext): number {
  return Date.now();
}
