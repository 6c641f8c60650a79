/**
 * Child process of durability.test.ts: writes as fast as it can and prints every acknowledged write on
 * stdout the moment its promise resolved. The parent SIGKILLs it mid-stream and checks every printed write
 * survived. Lines go out with a synchronous write(2), not process.stdout: on POSIX, process.stdout queues
 * pipe writes in memory when the reader lags, and the kill would drop them, so the parent would see fewer
 * acknowledgements than were made.
 *
 * Lines: `I <n>` after insert number n resolved; `C <k>` after the k-th `$inc` of the counter resolved.
 * Environment: STORE=embedded|mongodb, DATA_DIR, SYNCHRONOUS (NORMAL|FULL), MONGO_URI, MONGO_DB.
 */
import { writeSync } from 'node:fs';
import { openEmbeddedStore } from '../../../server/storage/embedded/store';
import { openMongoStore } from '../../../server/storage/mongo/adapter';
import type { BaseDoc, Store } from '../../../server/storage/port';

interface Entry extends BaseDoc {
  n: number;
  payload: string;
}

interface Counter extends BaseDoc {
  n: number;
}

async function open(): Promise<Store> {
  if (process.env.STORE === 'mongodb') {
    return openMongoStore({ uri: process.env.MONGO_URI ?? '', dbName: process.env.MONGO_DB ?? '', maxAttempts: 1 });
  }
  const synchronous = process.env.SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL';
  return openEmbeddedStore({ dataDir: process.env.DATA_DIR ?? '', synchronous });
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes a whole line to fd 1 before returning, waiting out EAGAIN if the pipe is non-blocking and full. */
function print(line: string): void {
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

const store = await open();
const entries = store.collection<Entry>('entries');
const counters = store.collection<Counter>('counters');
print('READY');
const payload = 'x'.repeat(200);
for (let n = 1; ; n++) {
  await entries.insertOne({ _id: `e${n}`, n, payload });
  print(`I ${n}`);
  await counters.updateOne({ _id: 'c' }, { $inc: { n: 1 } }, { upsert: true });
  print(`C ${n}`);
}
