import { expect, it } from 'vitest';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { PadAuthorship } from '../../../shared/pad/types';
import { PAD_SNAPSHOTS, type PadSnapshotDoc } from '../../../server/features/pad/model';
import { describeRedis } from '../../helpers/redis';
import { addParagraph, eventually, storedDocs, type PadClient } from '../pad/support';
import { holdsEachOnce, occurrences, usePadCluster } from './pad-support';

/**
 * Compaction while another node writes the same pad: with a tiny threshold (PAD_COMPACT_AFTER_ROWS), both nodes
 * compact the log again and again while both pupils keep writing. Each compaction takes the pad's Redis lock and
 * folds from the store, so no node deletes a row it has not folded in: nothing is lost, nothing duplicated.
 */

/** Edits of the second pupil (the first writes twice as many). */
const ROUNDS = 30;
const WAIT_MS = 20_000;

describeRedis('pads across nodes: compaction on one node while another writes', () => {
  const pads = usePadCluster({ nodes: 3, env: { PAD_COMPACT_AFTER_ROWS: '3' } });

  it('loses nothing and duplicates nothing: both clients, then a third node reading the store, hold every edit once', async () => {
    const pad = await pads.newPad();
    const [a, b] = await pads.pair(pad.id);

    const tokens: string[] = [];
    const complete = holdsEachOnce(tokens);
    // Both pupils write at once, each edit its own flush (its own log row), each waiting only until the other
    // pupil sees it: the log crosses the threshold on both nodes every few edits, so compactions run on each node
    // while the other writes. The first pupil writes twice as many edits (the nodes' logs grow unevenly).
    const writer = async (from: PadClient, to: PadClient, prefix: string, count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        const token = `${prefix}-${i}.`;
        tokens.push(token);
        addParagraph(from.doc, token);
        await eventually(() => occurrences(to.text(), token) === 1, `${token} reached the other node's client`, WAIT_MS);
      }
    };
    await Promise.all([writer(a, b, 'alpha', ROUNDS * 2), writer(b, a, 'beta', ROUNDS)]);
    // Then the second pupil writes a little more once a compaction folded rows numbered past all of theirs: rows
    // whose numbers are below the snapshot's yet not in it (each node numbers its own rows).
    const name = padDocumentName(pad.id);
    await eventually(
      async () => (await storedDocs<PadSnapshotDoc>(pads.cluster().dataDir, PAD_SNAPSHOTS)).some((snapshot) => snapshot._id === name && snapshot.seq > ROUNDS + 2),
      'a compaction folded rows past the second pupil’s',
      WAIT_MS,
    );
    await writer(b, a, 'gamma', 2);
    await eventually(() => complete(a.text()) && complete(b.text()), 'both clients hold every edit once', WAIT_MS);
    expect(a.text()).toBe(b.text());

    // Compaction ran: far fewer rows left than the flushes written.
    const rows = await pads.storedRows(pad.id);
    expect(rows.length).toBeLessThan(ROUNDS * 3);

    // The store holds everything once: a node that never had the pad open loads it from the snapshot and the log.
    const third = await pads.readOn(2, pad.id);
    expect(complete(third.text)).toBe(true);
    expect(third.text).toBe(a.text());
    // The snapshot's attribution kept both authors.
    const authorship = await third.teacher.get<PadAuthorship>(`/api/pads/${pad.id}/authors`);
    expect(authorship.body.authors).toHaveLength(2);
  }, 120_000);
});
