/**
 * The MongoDB transaction plumbing against a fake session (no server needed): which operations get the
 * session, one at a time, waited for before the commit, and what happens after an operation failed (the
 * server has aborted the transaction then). The contract suite covers the real thing when a MongoDB is there.
 */
import type { ClientSession, MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { STORE_DOCUMENT_MAX_BYTES, STORE_WRITE_TIMEOUT_MS } from '../../../shared/storage/limits';
import { DocumentTooLargeError, DuplicateKeyError, StorageUsageError, TRANSACTION_MAX_ATTEMPTS, TransactionConflictError } from '../port';
import { MongoCollection, type MongoDoc } from './collection';
import { MongoTransactions } from './transactions';
import { duplicateFilter } from './unique';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A session whose withTransaction runs the callback once, logging what happens. */
function fake() {
  const log: string[] = [];
  let sessions = 0;
  const options: unknown[] = [];
  const session = {
    async withTransaction<T>(callback: (s: unknown) => Promise<T>, given?: unknown): Promise<T> {
      options.push(given);
      log.push('start');
      try {
        const result = await callback(session);
        log.push('commit');
        return result;
      } catch (error) {
        log.push('abort');
        throw error;
      }
    },
    async endSession(): Promise<void> {
      log.push('end');
    },
  };
  const client = {
    startSession: () => {
      sessions += 1;
      return session;
    },
  };
  const transactions = new MongoTransactions(() => client as unknown as MongoClient);
  return { log, options, session: session as unknown as ClientSession, transactions, sessions: () => sessions };
}

describe('MongoDB transactions (fake session)', () => {
  it('pass the session to the operations inside, and to none outside or after', async () => {
    const { transactions, session, log } = fake();
    const seen: Array<ClientSession | undefined> = [];
    const op = (s: ClientSession | undefined) => {
      seen.push(s);
      return Promise.resolve(1);
    };
    await transactions.call('c', op);
    let late: Promise<unknown> | undefined;
    const result = await transactions.run(async () => {
      expect(transactions.inTransaction()).toBe(true);
      await transactions.call('c', op);
      late = sleep(10).then(() => transactions.call('c', op));
      return 'ok';
    });
    await late;
    expect(result).toBe('ok');
    expect(seen).toEqual([undefined, session, undefined]);
    expect(log).toEqual(['start', 'commit', 'end']);
    expect(transactions.inTransaction()).toBe(false);
  });

  it('run the operations of a transaction one at a time, and finish those not awaited before the commit', async () => {
    const { transactions, log } = fake();
    let active = 0;
    let most = 0;
    const op = (name: string, ms: number) => async () => {
      active += 1;
      most = Math.max(most, active);
      await sleep(ms);
      active -= 1;
      log.push(name);
    };
    await transactions.run(async () => {
      void transactions.call('c', op('slow', 20));
      await Promise.all([transactions.call('c', op('a', 5)), transactions.call('c', op('b', 1))]);
      void transactions.call('c', op('unawaited', 10));
    });
    expect(most).toBe(1);
    expect(log).toEqual(['start', 'slow', 'a', 'b', 'unawaited', 'commit', 'end']);
  });

  it('fail the transaction when fn swallows an operation error, and fail later operations at once', async () => {
    const { transactions, log } = fake();
    let calls = 0;
    const error = await transactions
      .run(async () => {
        await transactions
          .call('users', async () => {
            calls += 1;
            throw Object.assign(new Error('E11000 duplicate key error collection: t.users index: email_1 dup key'), { code: 11000 });
          })
          .catch((e: unknown) => expect(e).toBeInstanceOf(DuplicateKeyError));
        await expect(transactions.call('users', async () => (calls += 1))).rejects.toBeInstanceOf(StorageUsageError);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUsageError);
    expect(calls).toBe(1);
    expect(log).toEqual(['start', 'abort', 'end']);
  });

  it('hand a swallowed transient error back to the driver, which reruns the transaction', async () => {
    const { transactions } = fake();
    const transient = Object.assign(new Error('WriteConflict'), { code: 112, hasErrorLabel: (label: string) => label === 'TransientTransactionError' });
    const error = await transactions
      .run(async () => {
        await transactions.call('c', () => Promise.reject(transient)).catch(() => undefined);
      })
      .catch((e: unknown) => e);
    expect(error).toBe(transient);
  });

  it('rerun fn in a new driver transaction after a TransactionConflictError, on one session', async () => {
    const { transactions, log, sessions } = fake();
    let attempts = 0;
    const result = await transactions.run(async () => {
      attempts += 1;
      if (attempts < 3) throw new TransactionConflictError('stale');
      return attempts;
    });
    expect(result).toBe(3);
    expect(sessions()).toBe(1);
    expect(log).toEqual(['start', 'abort', 'start', 'abort', 'start', 'commit', 'end']);
  });

  it('join the outer transaction when nested', async () => {
    const { transactions, log, sessions } = fake();
    const inner = await transactions.run(() => transactions.run(async () => transactions.inTransaction()));
    expect(inner).toBe(true);
    expect(sessions()).toBe(1);
    expect(log).toEqual(['start', 'commit', 'end']);
  });

  it('settle once the running transactions have ended', async () => {
    const { transactions, log } = fake();
    const running = transactions.run(() => sleep(20));
    await transactions.settle();
    expect(log).toEqual(['start', 'commit', 'end']);
    await running;
  });
});

describe('MongoDB group commit (fake session)', () => {
  it('run the transactions started in one turn in one driver transaction, answering each after the commit', async () => {
    const { transactions, log, sessions } = fake();
    const runs = ['a', 'b', 'c'].map((name) =>
      transactions
        .run(async () => {
          log.push(`run ${name}`);
          await transactions.call('c', async () => undefined);
          return name;
        })
        .then((value) => {
          log.push(`answered ${value}`);
          return value;
        }),
    );
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c']);
    expect(sessions()).toBe(1);
    expect(log).toEqual(['start', 'run a', 'run b', 'run c', 'commit', 'end', 'answered a', 'answered b', 'answered c']);
  });

  it('take out a transaction that throws, and commit the others without it', async () => {
    const { transactions, log } = fake();
    const boom = new Error('boom');
    const runs = ['a', 'b', 'c'].map((name) =>
      transactions.run(async () => {
        log.push(`run ${name}`);
        if (name === 'b') throw boom;
        return name;
      }),
    );
    const settled = await Promise.allSettled(runs);
    expect(settled.map((result) => (result.status === 'fulfilled' ? result.value : result.reason))).toEqual(['a', boom, 'c']);
    expect(log).toEqual(['start', 'run a', 'run b', 'abort', 'start', 'run a', 'run c', 'commit', 'end']);
  });

  it('fail only the transaction that swallowed an operation error', async () => {
    const { transactions } = fake();
    const swallowing = transactions.run(async () => {
      await transactions.call('users', () => Promise.reject(Object.assign(new Error('E11000 duplicate key'), { code: 11000 }))).catch(() => undefined);
    });
    const other = transactions.run(async () => 'kept');
    await expect(swallowing).rejects.toBeInstanceOf(StorageUsageError);
    expect(await other).toBe('kept');
  });

  it('run a conflicting transaction again with the others, and give up on it alone', async () => {
    const { transactions } = fake();
    let attempts = 0;
    let others = 0;
    const conflicting = transactions.run(async () => {
      attempts += 1;
      throw new TransactionConflictError('always stale');
    });
    const other = transactions.run(async () => {
      others += 1;
      return 'kept';
    });
    await expect(conflicting).rejects.toBeInstanceOf(TransactionConflictError);
    expect(await other).toBe('kept');
    expect(attempts).toBe(TRANSACTION_MAX_ATTEMPTS);
    // `other` runs after the conflicting one in the batch: only once it is out does it run at all.
    expect(others).toBe(1);
  });

  it('fail every transaction of the batch when the commit fails', async () => {
    const { transactions, session } = fake();
    const refused = new Error('commit refused');
    const original = session.withTransaction.bind(session);
    (session as { withTransaction: unknown }).withTransaction = async (callback: (s: unknown) => Promise<unknown>) => {
      await original(callback);
      throw refused;
    };
    const runs = [transactions.run(async () => 1), transactions.run(async () => 2)];
    expect(await Promise.allSettled(runs)).toEqual([
      { status: 'rejected', reason: refused },
      { status: 'rejected', reason: refused },
    ]);
  });

  it('give each driver attempt a fresh batch memo, so a taken-out transaction leaves nothing in it', async () => {
    const { transactions } = fake();
    const seen: unknown[] = [];
    expect(transactions.memo()).toBeUndefined();
    const runs = [
      transactions.run(async () => {
        seen.push(transactions.memo()?.get('head'));
        transactions.memo()?.set('head', 'a');
      }),
      transactions.run(async () => {
        transactions.memo()?.set('head', 'b');
        throw new Error('boom');
      }),
      transactions.run(async () => {
        seen.push(transactions.memo()?.get('head'));
      }),
    ];
    await Promise.allSettled(runs);
    // First attempt: a, then b fails; second attempt (without b): a again on a fresh memo, then c sees a.
    expect(seen).toEqual([undefined, undefined, 'a']);
  });

  it('commit with majority, journaled writes bounded by the write timeout', async () => {
    const { transactions, options } = fake();
    await transactions.run(async () => 1);
    expect(options).toEqual([{ readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority', journal: true, wtimeoutMS: STORE_WRITE_TIMEOUT_MS } }]);
  });

  it('keep the batches of different turns apart', async () => {
    const { transactions, sessions } = fake();
    await transactions.run(async () => 1);
    await transactions.run(async () => 2);
    expect(sessions()).toBe(2);
  });
});

describe('documents over the BSON limit (fake driver collection)', () => {
  /** A driver collection that records what reaches it and has no unique index. */
  function fakeCollection() {
    const sent: string[] = [];
    const record = (what: string) => async () => {
      sent.push(what);
      return { acknowledged: true, insertedId: 'x', matchedCount: 1, modifiedCount: 1, upsertedId: null };
    };
    const driver = { insertOne: record('insertOne'), insertMany: record('insertMany'), updateOne: record('updateOne'), replaceOne: record('replaceOne'), findOne: async () => null, indexes: async () => [] };
    const { transactions, log } = fake();
    const collection = new MongoCollection<MongoDoc>(driver as never, 'files', transactions);
    return { collection, transactions, log, sent };
  }
  const big = () => new Uint8Array(STORE_DOCUMENT_MAX_BYTES + 1);
  /** What a write came to: its error, or 'sent' (never the document itself: a failure would print 16 MiB). */
  const outcome = (write: Promise<unknown>): Promise<unknown> => write.then(() => 'sent', (error: unknown) => error);

  it('are refused with DocumentTooLargeError before anything is sent, on insert, replace and update', async () => {
    const { collection, sent } = fakeCollection();
    expect(await outcome(collection.insertOne({ data: big() }))).toBeInstanceOf(DocumentTooLargeError);
    expect(await outcome(collection.replaceOne({ _id: 'a' }, { data: big() }))).toBeInstanceOf(DocumentTooLargeError);
    expect(await outcome(collection.updateOne({ _id: 'a' }, { $set: { data: big() } }))).toBeInstanceOf(DocumentTooLargeError);
    // insertMany inserts the documents before the first refused one, as after any invalid document.
    expect(await outcome(collection.insertMany([{ _id: 'a', data: new Uint8Array(1) }, { _id: 'b', data: big() }]))).toBeInstanceOf(DocumentTooLargeError);
    expect(sent).toEqual(['insertMany']);
  });

  it('inside a transaction: refused without aborting it, so the transaction commits what it caught the error for', async () => {
    const { collection, transactions, log, sent } = fakeCollection();
    const refused = await transactions.run(async () => {
      const error = await outcome(collection.insertOne({ _id: 'huge', data: big() }));
      await collection.insertOne({ _id: 'small', data: new Uint8Array(1) });
      return error;
    });
    expect(refused).toBeInstanceOf(DocumentTooLargeError);
    expect(sent).toEqual(['insertOne']);
    expect(log).toEqual(['start', 'commit', 'end']);
  });
});

describe('duplicate checks before an insert', () => {
  const index = { name: 'school_login', paths: [{ path: 'school', segments: ['school'] }, { path: 'who.login', segments: ['who', 'login'] }] };

  it('look for the same key, a missing field counting as null', () => {
    expect(duplicateFilter({ _id: 'x', school: 's1', who: { login: 'ann' } }, index)).toEqual({ school: 's1', 'who.login': 'ann' });
    expect(duplicateFilter({ _id: 'x', school: 's1' }, index)).toEqual({ school: 's1', 'who.login': null });
  });

  it('leave array and object keys to the server', () => {
    expect(duplicateFilter({ _id: 'x', school: ['s1'], who: { login: 'ann' } }, index)).toBeUndefined();
    expect(duplicateFilter({ _id: 'x', school: 's1', who: [{ login: 'ann' }] }, index)).toBeUndefined();
    expect(duplicateFilter({ _id: 'x', school: { id: 1 }, who: { login: 'ann' } }, index)).toBeUndefined();
  });
});
