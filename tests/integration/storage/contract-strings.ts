/// <reference lib="es2024.string" />
/**
 * Contract: strings that are not well-formed UTF-16. MongoDB's BSON encoder turns an unpaired surrogate into
 * U+FFFD while JSON text keeps it, so both adapters make every string well formed first (documents, updates,
 * upserts, filters, keys): each store then holds, returns and matches exactly the same text, the text a caller
 * hashed before storing it (the audit chain does).
 */
import { describe, expect, it } from 'vitest';
import type { BaseDoc } from '../../../server/storage/port';
import type { StoreContext } from './contract-support';

interface Note extends BaseDoc {
  text: string;
  tags?: string[];
  meta?: Record<string, string>;
}

const LONE = '\ud800';
const STORED = '\ufffd';

export function describeStrings(ctx: StoreContext): void {
  describe('strings that are not well-formed UTF-16', () => {
    it('stores, updates and upserts them with U+FFFD, on every path', async () => {
      const notes = ctx.collection<Note>('notes');
      await notes.ensureIndexes([{ fields: { text: 1 } }]);
      const inserted = await notes.insertOne({ _id: 'n1', text: `a${LONE}`, tags: [LONE], meta: { [`k${LONE}`]: `v${LONE}` } });
      expect(inserted.text).toBe(`a${STORED}`);
      expect(await notes.findOne({ _id: 'n1' })).toEqual({ _id: 'n1', text: `a${STORED}`, tags: [STORED], meta: { [`k${STORED}`]: `v${STORED}` } });
      await notes.updateOne({ _id: 'n1' }, { $set: { text: `b${LONE}` }, $push: { tags: `c${LONE}` } });
      await notes.updateOne({ text: `up${LONE}` }, { $set: { tags: [] } }, { upsert: true });
      await notes.replaceOne({ _id: 'n1' }, { text: `r${LONE}`, tags: [`c${LONE}`] });
      const all = await notes.find({}, { sort: { text: 1 } });
      expect(all.map((note) => note.text)).toEqual([`r${STORED}`, `up${STORED}`]);
      expect(all.every((note) => note.text.isWellFormed() && (note.tags ?? []).every((tag) => tag.isWellFormed()))).toBe(true);
    });

    it('matches filters the same way, whether the filter holds the surrogate or U+FFFD', async () => {
      const notes = ctx.collection<Note>('notes');
      await notes.insertMany([{ _id: 'n1', text: `x${LONE}` }, { _id: 'n2', text: 'x' }]);
      for (const text of [`x${LONE}`, `x${STORED}`]) {
        expect((await notes.find({ text })).map((note) => note._id)).toEqual(['n1']);
        expect(await notes.count({ text: { $in: [text] } })).toBe(1);
      }
      expect(await notes.deleteMany({ text: `x${LONE}` })).toBe(1);
    });
  });
}
