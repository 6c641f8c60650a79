import WebSocket from 'ws';
import * as Y from 'yjs';
import { expect, it } from 'vitest';
import { padDocumentName } from '../../../shared/pad/protocol';
import { PAD_SNAPSHOTS, type PadSnapshotDoc } from '../../../server/features/pad/model';
import { describeRedis } from '../../helpers/redis';
import { addParagraph, eventually, padText, storedDocs } from '../pad/support';
import { holdsEachOnce, occurrences, usePadCluster } from './pad-support';

/**
 * kill -9 of the node a writer is on, in the middle of 200 edits: its client reconnects to another node (as nginx
 * would send it there) and resends what it holds; a reader on a third node saw each edit once it was durable, and
 * in the end it, the writer and the store hold all 200 edits exactly once.
 */

const EDITS = 200;
const KILL_AT = 100;
const WAIT_MS = 30_000;

describeRedis('pads across nodes: kill -9 of a writer’s node during 200 edits', () => {
  const pads = usePadCluster({ nodes: 3, moderatorNode: 0 });

  it('nothing acknowledged is lost, nothing is duplicated', async () => {
    const [first, second] = [pads.node(0), pads.node(1)];
    const pupil = pads.pupil();
    const pad = await pads.newPad();
    // The writer's connections go to `target`: node 2, then, once it is dead, node 1 (the load balancer's part).
    let target = second;
    const Rerouted = class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url.replace(/^ws:\/\/[^/]+/, target.url.replace('http', 'ws')), protocols, { headers: { Origin: target.url, Cookie: pupil.cookieHeader } });
      }
    };
    const writer = pads.connect(1, pupil, pad.id, Rerouted as unknown as typeof WebSocket);
    const reader = pads.connect(2, pads.moderator(), pad.id);
    await Promise.all([reader.synced(), writer.synced()]);

    const tokens: string[] = [];
    for (let i = 0; i < EDITS; i++) {
      const token = `edit-${i}.`;
      tokens.push(token);
      addParagraph(writer.doc, token);
      if (i < KILL_AT) {
        // Acknowledged: the reader on another node has it, so it was stored first.
        await eventually(() => occurrences(reader.text(), token) === 1, `${token} reached the reader`, WAIT_MS);
      } else if (i === KILL_AT) {
        // Killed with this edit in flight; the writer goes on typing while it reconnects.
        target = first;
        await second.kill();
      } else await new Promise((resolve) => setImmediate(resolve));
    }
    const complete = holdsEachOnce(tokens);
    await eventually(() => complete(reader.text()) && complete(writer.text()), 'the writer and the reader hold every edit once', WAIT_MS);
    expect(writer.text()).toBe(reader.text());

    // The store too: its snapshot and rows, read through the storage port, make the same text.
    const name = padDocumentName(pad.id);
    await eventually(
      async () => {
        const stored = new Y.Doc();
        const snapshot = (await storedDocs<PadSnapshotDoc>(pads.cluster().dataDir, PAD_SNAPSHOTS)).find((each) => each._id === name);
        if (snapshot) Y.applyUpdate(stored, snapshot.state);
        for (const row of await pads.storedRows(pad.id)) Y.applyUpdate(stored, row.update);
        return complete(padText(stored));
      },
      'the store holds every edit once',
      WAIT_MS,
    );
  }, 120_000);
});
