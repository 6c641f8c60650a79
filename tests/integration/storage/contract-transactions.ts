/**
 * Contract: store transactions (`Store.transaction`). What every adapter guarantees: all or nothing across
 * collections, read-your-writes inside, no partial view from outside, serializable read-modify-write, nested
 * calls joining, and the retry on TransactionConflictError.
 */
import { describe, expect, it } from 'vitest';
import {
  DuplicateKeyError,
  StorageUsageError,
  TRANSACTION_MAX_ATTEMPTS,
  TransactionConflictError,
  type BaseDoc,
} from '../../../server/storage/port';
import { idsOf, type StoreContext } from './contract-support';

interface Item extends BaseDoc {
  n?: number;
  email?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise the test settles by hand, to hold a transaction open at a chosen point. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

export function describeTransactions(ctx: StoreContext): void {
  describe('transactions', () => {
    const a = () => ctx.collection<Item>('tx_a');
    const b = () => ctx.collection<Item>('tx_b');

    it('commit the writes of several collections together and return what fn resolved with', async () => {
      const result = await ctx.store.transaction(async () => {
        await a().insertOne({ _id: 'a1', n: 1 });
        await b().insertMany([{ _id: 'b1', n: 2 }, { _id: 'b2', n: 3 }]);
        await a().updateOne({ _id: 'a1' }, { $inc: { n: 10 } });
        await b().deleteOne({ _id: 'b2' });
        return { ok: 'done' };
      });
      expect(result).toEqual({ ok: 'done' });
      expect(await a().find({})).toEqual([{ _id: 'a1', n: 11 }]);
      expect(await b().find({})).toEqual([{ _id: 'b1', n: 2 }]);
    });

    it('roll back every write when fn throws, and rethrow the very error', async () => {
      await a().insertOne({ _id: 'keep', n: 1 });
      await b().insertOne({ _id: 'other', n: 1 });
      const boom = new Error('boom');
      const error = await ctx.store
        .transaction(async () => {
          await a().insertOne({ _id: 'a1' });
          await b().insertOne({ _id: 'b1' });
          await a().updateOne({ _id: 'keep' }, { $set: { n: 2 } });
          await b().deleteMany({ _id: 'other' });
          throw boom;
        })
        .catch((e: unknown) => e);
      expect(error).toBe(boom);
      expect(await a().find({})).toEqual([{ _id: 'keep', n: 1 }]);
      expect(await b().find({})).toEqual([{ _id: 'other', n: 1 }]);
    });

    it('roll back the earlier writes when a DuplicateKeyError escapes fn', async () => {
      await a().insertOne({ _id: 'taken' });
      const error = await ctx.store
        .transaction(async () => {
          await b().insertOne({ _id: 'b1' });
          await a().insertOne({ _id: 'a1' });
          await a().insertOne({ _id: 'taken' });
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect(await idsOf(a(), {})).toEqual(['taken']);
      expect(await b().count()).toBe(0);
    });

    it('go on after a DuplicateKeyError of an insert caught inside fn', async () => {
      const users = ctx.collection<Item>('tx_users');
      await users.ensureIndexes([{ fields: { email: 1 }, unique: true }]);
      await users.insertOne({ _id: 'u1', email: 'a@x' });
      await a().insertOne({ _id: 'taken' });
      await ctx.store.transaction(async () => {
        await a().insertOne({ _id: 'a1' });
        await expect(a().insertOne({ _id: 'taken', n: 2 })).rejects.toBeInstanceOf(DuplicateKeyError);
        const twin = await users.insertOne({ email: 'a@x' }).catch((e: unknown) => e);
        expect(twin).toBeInstanceOf(DuplicateKeyError);
        expect((twin as DuplicateKeyError).index).toBe('email_1');
        // Documents before the failure stay, as outside a transaction.
        await expect(b().insertMany([{ _id: 'b1' }, { _id: 'b2' }, { _id: 'b1' }, { _id: 'b3' }])).rejects.toBeInstanceOf(DuplicateKeyError);
        await users.insertOne({ _id: 'u2', email: 'b@x' });
      });
      expect(await idsOf(a(), {})).toEqual(['a1', 'taken']);
      expect(await a().findOne({ _id: 'taken' })).toEqual({ _id: 'taken' });
      expect(await idsOf(b(), {})).toEqual(['b1', 'b2']);
      expect(await idsOf(users, {})).toEqual(['u1', 'u2']);
    });

    it('see their own writes', async () => {
      await a().insertOne({ _id: 'old', n: 1 });
      await ctx.store.transaction(async () => {
        await a().insertOne({ _id: 'new', n: 2 });
        expect(await a().findOne({ _id: 'new' })).toEqual({ _id: 'new', n: 2 });
        expect(await a().count({ n: { $gte: 1 } })).toBe(2);
        await a().updateMany({}, { $inc: { n: 10 } });
        expect((await a().find({}, { sort: { n: 1 } })).map((doc) => doc.n)).toEqual([11, 12]);
        await a().deleteOne({ _id: 'old' });
        expect(await idsOf(a(), {})).toEqual(['new']);
        expect(await a().findOneAndUpdate({ _id: 'new' }, { $set: { email: 'e' } })).toEqual({ _id: 'new', n: 12, email: 'e' });
      });
      expect(await a().find({})).toEqual([{ _id: 'new', n: 12, email: 'e' }]);
    });

    it('never show part of a transaction to an operation outside it', async () => {
      const wroteA = gate();
      const finish = gate();
      const tx = ctx.store.transaction(async () => {
        await a().insertOne({ _id: 'A' });
        wroteA.open();
        await finish.promise;
        await a().insertOne({ _id: 'B' });
        await b().insertOne({ _id: 'B' });
      });
      await wroteA.promise;
      expect(ctx.store.inTransaction()).toBe(false);
      // Started while the transaction has written A and not B: A visible implies B visible.
      const outside = (async () => {
        const together = await idsOf(a(), {});
        const seenA = await a().count({ _id: 'A' });
        const seenB = await b().count({ _id: 'B' });
        return { together, seenA, seenB };
      })();
      await sleep(50);
      finish.open();
      const seen = await outside;
      await tx;
      expect([[], ['A', 'B']]).toContainEqual(seen.together);
      if (seen.seenA === 1) expect(seen.seenB).toBe(1);
      expect(await idsOf(a(), {})).toEqual(['A', 'B']);
    });

    it('do not take with them, when rolling back, a write made outside meanwhile', async () => {
      const wrote = gate();
      const finish = gate();
      const tx = ctx.store.transaction(async () => {
        await a().insertOne({ _id: 'inside' });
        wrote.open();
        await finish.promise;
        throw new Error('rollback');
      });
      await wrote.promise;
      const outside = b().insertOne({ _id: 'outside' });
      await sleep(20);
      finish.open();
      await expect(tx).rejects.toThrow('rollback');
      await outside;
      expect(await a().count()).toBe(0);
      expect(await idsOf(b(), {})).toEqual(['outside']);
    });

    it('make 40 concurrent read-modify-write transactions lose no update', async () => {
      const counters = ctx.collection<Item>('tx_counters');
      await counters.insertOne({ _id: 'c', n: 0 });
      await Promise.all(
        Array.from({ length: 40 }, () =>
          ctx.store.transaction(async () => {
            const counter = await counters.findOne({ _id: 'c' });
            await counters.updateOne({ _id: 'c' }, { $set: { n: (counter?.n ?? 0) + 1 } });
          }),
        ),
      );
      expect(await counters.findOne({ _id: 'c' })).toEqual({ _id: 'c', n: 40 });
    });

    it('join the outer transaction when nested', async () => {
      const error = await ctx.store
        .transaction(async () => {
          await a().insertOne({ _id: 'outer' });
          const inner = await ctx.store.transaction(async () => {
            expect(ctx.store.inTransaction()).toBe(true);
            await b().insertOne({ _id: 'inner' });
            return 'inner result';
          });
          expect(inner).toBe('inner result');
          // The inner call has returned, yet its write is not committed: the outer transaction owns it.
          throw new Error('outer fails');
        })
        .catch((e: unknown) => e);
      expect((error as Error).message).toBe('outer fails');
      expect(await a().count()).toBe(0);
      expect(await b().count()).toBe(0);
    });

    it('run fn again after a TransactionConflictError, from the start', async () => {
      let attempts = 0;
      const result = await ctx.store.transaction(async () => {
        attempts += 1;
        await a().insertOne({ _id: `try${attempts}` });
        if (attempts === 1) throw new TransactionConflictError('stale read');
        return attempts;
      });
      expect(result).toBe(2);
      expect(await idsOf(a(), {})).toEqual(['try2']);
    });

    it(`give up after ${TRANSACTION_MAX_ATTEMPTS} conflicting attempts, writing nothing`, async () => {
      let attempts = 0;
      const error = await ctx.store
        .transaction(async () => {
          attempts += 1;
          await a().insertOne({ _id: `try${attempts}` });
          throw new TransactionConflictError('always stale');
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransactionConflictError);
      expect((error as Error).name).toBe('TransactionConflictError');
      expect(attempts).toBe(TRANSACTION_MAX_ATTEMPTS);
      expect(await a().count()).toBe(0);
    });

    it('tell whether the caller is inside one', async () => {
      expect(ctx.store.inTransaction()).toBe(false);
      let later: Promise<boolean> | undefined;
      await ctx.store.transaction(async () => {
        expect(ctx.store.inTransaction()).toBe(true);
        await sleep(1);
        expect(ctx.store.inTransaction()).toBe(true);
        // Still the transaction's async context, but running after it ended: outside.
        later = sleep(30).then(() => ctx.store.inTransaction());
      });
      expect(ctx.store.inTransaction()).toBe(false);
      expect(await later).toBe(false);
    });

    it('share a memo with the transactions committed with them, forgetting what a rolled-back one set', async () => {
      expect(ctx.store.batchMemo()).toBeUndefined();
      const memo = () => ctx.store.batchMemo()!;
      const seen: unknown[] = [];
      // Started in one turn: one batch on both adapters.
      const results = await Promise.allSettled([
        ctx.store.transaction(async () => {
          await a().insertOne({ _id: 'first' });
          memo().set('head', 'first');
        }),
        ctx.store.transaction(async () => {
          seen.push(memo().get('head'));
          await a().insertOne({ _id: 'undone' });
          memo().set('head', 'undone');
          throw new Error('rollback');
        }),
        ctx.store.transaction(async () => {
          seen.push(memo().get('head'));
        }),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(seen).toEqual(['first', 'first']);
      expect(await idsOf(a(), {})).toEqual(['first']);
      // A later batch starts with an empty memo.
      expect(await ctx.store.transaction(async () => memo().get('head'))).toBeUndefined();
    });

    it('include the operations fn started without awaiting them', async () => {
      await ctx.store.transaction(async () => {
        void a().insertOne({ _id: 'fire-and-forget' });
        void b().updateOne({ _id: 'x' }, { $set: { n: 1 } }, { upsert: true });
      });
      expect(await idsOf(a(), {})).toEqual(['fire-and-forget']);
      expect(await b().find({})).toEqual([{ _id: 'x', n: 1 }]);
    });

    it('leave a collection first used in a rolled-back transaction usable', async () => {
      const fresh = ctx.collection<Item>('tx_fresh');
      await expect(
        ctx.store.transaction(async () => {
          await fresh.insertOne({ _id: 'gone' });
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect(await fresh.count()).toBe(0);
      await fresh.insertOne({ _id: 'kept' });
      expect(await idsOf(fresh, {})).toEqual(['kept']);
    });

    it('refuse ensureIndexes, flush and close inside (the embedded store would wait for the transaction forever)', async () => {
      await expect(ctx.store.transaction(() => a().ensureIndexes([{ fields: { n: 1 } }]))).rejects.toBeInstanceOf(StorageUsageError);
      await expect(ctx.store.transaction(() => ctx.store.flush())).rejects.toBeInstanceOf(StorageUsageError);
      await expect(ctx.store.transaction(() => ctx.store.close())).rejects.toBeInstanceOf(StorageUsageError);
      expect(await a().count()).toBe(0);
    });
  });
}
