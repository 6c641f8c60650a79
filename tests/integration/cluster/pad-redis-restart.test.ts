import { expect, it } from 'vitest';
import { describeRedis } from '../../helpers/redis';
import { addParagraph, eventually, type PadClient } from '../pad/support';
import { holdsEachOnce, usePadCluster } from './pad-support';

/**
 * Redis restarts (its streams and channels gone) while two pupils on two nodes write one pad, then the collab
 * connections are killed: every edit made before, during and after reaches both, and the store; presence crosses
 * nodes again afterwards (the awareness channels are subscribed anew). A node frozen while the other wrote, whose
 * unread stream entries Redis lost meanwhile, catches up from the store once it is back.
 */

const WAIT_MS = 30_000;

describeRedis('pads across nodes: a Redis restart while two nodes write', () => {
  const pads = usePadCluster({ nodes: 3 });

  it('every edit before, during and after reaches both clients and the store; presence crosses nodes again', async () => {
    const pad = await pads.newPad();
    const [a, b] = await pads.pair(pad.id);
    const tokens: string[] = [];
    const complete = holdsEachOnce(tokens);
    const write = (phase: string, count: number): void => {
      for (let i = 0; i < count; i++) {
        const [fromA, fromB] = [`${phase}-a${i}.`, `${phase}-b${i}.`];
        addParagraph(a.doc, fromA);
        addParagraph(b.doc, fromB);
        tokens.push(fromA, fromB);
      }
    };
    const converged = (what: string) => eventually(() => complete(a.text()) && complete(b.text()), what, WAIT_MS);

    write('before', 5);
    await converged('edits before the restart reached both');

    const restarted = pads.cluster().redis.restart();
    write('during', 5);
    await restarted;
    write('after', 5);
    await converged('edits during and after the restart reached both');

    // The collab connections killed: the nodes reconnect, catch up from the store, and go on.
    expect(await pads.cluster().redis.clientKill(/name=preau:collab/)).toBeGreaterThan(0);
    write('killed', 5);
    await converged('edits after the connections were killed reached both');
    expect(a.text()).toBe(b.text());

    const userOf = (state: unknown): string | undefined => (state as { user?: { id?: string } }).user?.id;
    a.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 3 });
    b.provider.awareness.setLocalStateField('cursor', { anchor: 4, head: 4 });
    const others = (client: PadClient): number =>
      [...client.provider.awareness.getStates().entries()].filter(([id, state]) => id !== client.doc.clientID && userOf(state) !== undefined).length;
    await eventually(() => others(a) > 0 && others(b) > 0, 'each pupil sees the other one’s presence after the restart', WAIT_MS);

    const third = await pads.readOn(2, pad.id);
    expect(complete(third.text)).toBe(true);
  }, 120_000);

  it('a node that missed stream entries (frozen while Redis lost them) catches its pads up from the store', async () => {
    const second = pads.node(1);
    const pad = await pads.newPad();
    const [a, b] = await pads.pair(pad.id);
    // A reader on node 3: an edit it sees was stored (relayed after the store write) and added to the stream.
    const c = pads.connect(2, pads.teacher(), pad.id);
    await c.synced();
    const tokens = ['frozen-0.', 'frozen-1.', 'frozen-2.'];

    // Node 2 frozen: the first pupil's edits are stored and added to the stream, unread by node 2…
    second.process.kill('SIGSTOP');
    try {
      for (const token of tokens) addParagraph(a.doc, token);
      await eventually(() => holdsEachOnce(tokens)(c.text()), 'the edits were stored and reached node 3', WAIT_MS);
      // …then Redis loses them.
      await pads.cluster().redis.restart();
    } finally {
      second.process.kill('SIGCONT');
    }
    await eventually(() => holdsEachOnce(tokens)(b.text()), 'node 2 caught up from the store and relayed', WAIT_MS);
    expect(b.text()).toBe(a.text());
  }, 120_000);
});
