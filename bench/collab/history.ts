import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { Attribution } from '../../collab/core/attribution';
import { PadCollections } from '../../server/features/pad/model';
import { padCompactor, padLoader } from '../../server/features/pad/persistence';
import { openEmbeddedStore } from '../../server/storage/embedded/store';
import { PAD_FRAGMENT } from '../../shared/pad/protocol';

export const HISTORY_OPERATIONS = 260_000;

/**
 * A generated editing history (typing runs at random places, backspaces, new paragraphs, by several authors
 * over many sessions, each with its own Yjs client id), compacted into a pad's snapshot in the embedded store,
 * then loaded the way the collab server loads a pad (snapshot + attribution + log), 15 times.
 */
export async function benchHistoryLoad(): Promise<{ operations: number; snapshotBytes: number; medianMs: number; maxMs: number; ranges: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'preau-bench-pad-'));
  const store = await openEmbeddedStore({ dataDir: dir });
  try {
    const pads = new PadCollections(store);
    await pads.init();
    const doc = new Y.Doc();
    const attribution = new Attribution();
    const authors = ['lea', 'yanis', 'chloe', 'mamadou', 'claire'];
    let state = 7;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const words = 'le petit volcan se réveille et la lave coule doucement vers la mer pendant que les enfants regardent '.split(' ');
    let run: Y.XmlText | null = null;
    let cursor = 0;
    let operations = 0;
    while (operations < HISTORY_OPERATIONS) {
      // A session: one author, one Yjs client id, a few hundred keystrokes somewhere in the text.
      const author = authors[Math.floor(random() * authors.length)]!;
      doc.clientID = Math.floor(random() * 2 ** 31);
      const before = doc.clientID;
      const fragment = doc.getXmlFragment(PAD_FRAGMENT);
      if (!run || random() < 0.2) {
        const paragraph = new Y.XmlElement('paragraph');
        run = new Y.XmlText();
        paragraph.insert(0, [run]);
        fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph]);
        operations += 1;
        cursor = 0;
      } else cursor = Math.floor(random() * (run.length + 1));
      const keystrokes = 200 + Math.floor(random() * 600);
      for (let k = 0; k < keystrokes && operations < HISTORY_OPERATIONS; k++) {
        if (random() < 0.1 && cursor > 0) {
          run.delete(cursor - 1, 1);
          cursor -= 1;
        } else {
          const word = words[Math.floor(random() * words.length)]!;
          const char = word[k % word.length] ?? ' ';
          run.insert(cursor, char);
          cursor += 1;
        }
        operations += 1;
      }
      attribution.add(before, 0, Y.getState(doc.store, before), author);
    }
    const name = 'pad:bench-history';
    const snapshotBytes = await padCompactor(pads, { name, spaceId: 'bench-history', schoolId: 'bench' }, doc, attribution, 0);
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      const loaded = new Y.Doc();
      await padLoader(pads, name, loaded, new Attribution());
      times.push(performance.now() - started);
      if (i === 0 && loaded.getXmlFragment(PAD_FRAGMENT).toString() !== doc.getXmlFragment(PAD_FRAGMENT).toString()) throw new Error('loaded pad differs');
      loaded.destroy();
    }
    times.sort((a, b) => a - b);
    return { operations, snapshotBytes, medianMs: times[Math.floor(times.length / 2)]!, maxMs: times[times.length - 1]!, ranges: attribution.toFlat().length / 4 };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

