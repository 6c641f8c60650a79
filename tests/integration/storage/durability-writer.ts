/**
 * Child process of durability.test.ts: writes as fast as it can and prints every acknowledged write on
 * stdout the moment its promise resolved. The parent SIGKILLs it mid-stream and checks every printed write
 * survived. Lines go out with a synchronous write(2), not process.stdout: on POSIX, process.stdout queues
 * pipe writes in memory when the reader lags, and the kill would drop them, so the parent would see fewer
 * acknowledgements than were made.
 *
 * Lines: `I <n>` after insert number n resolved; `C <k>` after the k-th `$inc` of the counter resolved.
 * With MODE=transactions, each round is one transaction writing change <id> to 'changes', printing
 * `between <id>`, pausing 20 ms, then writing event <id> to 'events'; `done <id>` once it committed. The
 * parent kills it right after a `between` line: both writes, or neither, must be found after the kill.
 * Environment: STORE=embedded|mongodb, DATA_DIR, SYNCHRONOUS (NORMAL|FULL), MONGO_URI, MONGO_DB, MODE, ROUND
 * (prefixes the ids, so rounds on one store do not collide).
 */
import { openEmbeddedStore } from '../../../server/storage/embedded/store';
import { openMongoStore } from '../../../server/storage/mongo/adapter';
import type { BaseDoc, Store } from '../../../server/storage/port';
import { print } from './print';

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

/** Pairs of writes that must land together: the transaction straddles the moment the parent kills us. */
async function writeTransactions(store: Store): Promise<never> {
  const changes = store.collection<BaseDoc & { i: number }>('changes');
  const events = store.collection<BaseDoc & { i: number }>('events');
  const round = process.env.ROUND ?? '0';
  for (let i = 1; ; i++) {
    const id = `${round}-${i}`;
    await store.transaction(async () => {
      await changes.insertOne({ _id: id, i });
      print(`between ${id}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await events.insertOne({ _id: id, i });
    });
    print(`done ${id}`);
  }
}

const store = await open();
if (process.env.MODE === 'transactions') {
  print('READY');
  await writeTransactions(store);
}
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
