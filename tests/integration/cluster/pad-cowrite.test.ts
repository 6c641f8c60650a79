import { expect, it } from 'vitest';
import type { PadAuthorship } from '../../../shared/pad/types';
import { describeRedis } from '../../helpers/redis';
import { addParagraph, eventually, type PadClient } from '../pad/support';
import { holdsEachOnce, usePadCluster } from './pad-support';

/**
 * One pad, two pupils on two different nodes (one store, one Redis): each one's edits reach the other through the
 * pad's shard stream, presence (carets) through pub/sub; a third node that never had the pad open loads it whole
 * from the store, and every stored update names its author.
 */

const EDITS = 25;
const WAIT_MS = 20_000;

describeRedis('pads across nodes: two pupils on two nodes co-write one pad', () => {
  const pads = usePadCluster({ nodes: 3 });

  it('both clients, the store and a third node converge; every stored update carries its author; presence crosses nodes', async () => {
    const ids = pads.ids();
    const pad = await pads.newPad();
    const [a, b] = await pads.pair(pad.id);

    const tokens: string[] = [];
    for (let i = 0; i < EDITS; i++) {
      const [fromA, fromB] = [`alpha-${i}.`, `beta-${i}.`];
      addParagraph(a.doc, fromA);
      addParagraph(b.doc, fromB);
      tokens.push(fromA, fromB);
    }
    const complete = holdsEachOnce(tokens);
    await eventually(() => complete(a.text()) && complete(b.text()), 'both clients hold every edit once', WAIT_MS);
    expect(a.text()).toBe(b.text());

    // Presence: each pupil's caret, named by the server, reaches the other node's client.
    a.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    b.provider.awareness.setLocalStateField('cursor', { anchor: 2, head: 2 });
    const sees = (client: PadClient, userId: string): boolean =>
      [...client.provider.awareness.getStates().values()].some((state) => (state as { user?: { id?: string } }).user?.id === userId);
    await eventually(() => sees(a, ids.moderator) && sees(b, ids.pupil), 'each pupil sees the other one’s presence', WAIT_MS);

    // A node that never had the pad open reads it whole from the store.
    const third = await pads.readOn(2, pad.id);
    expect(complete(third.text)).toBe(true);
    expect(third.text).toBe(a.text());
    // …with who wrote what: both pupils, each on their own paragraphs.
    const authorship = await third.teacher.get<PadAuthorship>(`/api/pads/${pad.id}/authors`);
    expect(authorship.status).toBe(200);
    expect(authorship.body.authors.map((author) => author.id).sort()).toEqual([ids.pupil, ids.moderator].sort());

    // Every stored row names its authors, and both pupils wrote.
    const rows = await pads.storedRows(pad.id);
    expect(rows.length).toBeGreaterThan(0);
    const authors = new Set<string>();
    for (const row of rows) {
      expect(row.authors?.length ?? 0).toBeGreaterThan(0);
      for (const author of row.authors ?? []) authors.add(author.userId);
    }
    expect([...authors].sort()).toEqual([ids.pupil, ids.moderator].sort());
  }, 90_000);
});
