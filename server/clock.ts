import { readFileSync } from 'node:fs';
import type { ServerContext } from './context';

/**
 * The server's time for what depends on the calendar (quiet hours, holidays, daily summaries, coalescing windows).
 * The real time, unless CLOCK_FILE is set (tests only, refused in production): then the time in ms written in that
 * file, read at each call, so a test moves the server's calendar by writing the file and never waits. While the
 * file does not exist yet, the real time.
 */
export function serverNow(ctx: ServerContext): number {
  return clockNow(ctx.config.clockFile);
}

/** The server's time from its clock file (`config.clockFile`), for code that holds the file but no context. */
export function clockNow(file: string | undefined): number {
  if (file === undefined) return Date.now();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Date.now();
    throw error;
  }
  const now = Number(text.trim());
  if (!Number.isSafeInteger(now) || now <= 0) throw new Error(`CLOCK_FILE ${file} holds no time in ms`);
  return now;
}
