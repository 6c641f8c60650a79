/**
 * Prints acknowledgements from child writers of the durability tests. Lines go out with a synchronous write(2),
 * not process.stdout: on POSIX, process.stdout queues pipe writes in memory when the reader lags, and a kill
 * would drop them, so the parent would see fewer acknowledgements than were made.
 */
import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes a whole line to fd 1 before returning, waiting out EAGAIN if the pipe is non-blocking and full. */
export function print(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

