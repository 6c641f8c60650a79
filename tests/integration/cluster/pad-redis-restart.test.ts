import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestCluster } from '../../helpers/cluster';
import type { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { signedIn } from '../../helpers/sockets';
import { addParagraph, connectPad, createPad, eventually, serverText, type PadClient } from '../pad/support';

/**
 * Redis restarts (its streams and channels gone) while two pupils on two nodes write one pad, then the collab
 * connections are killed: every edit made before, during and after reaches both, and the store; presence crosses
 * nodes again afterwards (the awareness channels are subscribed anew). A node frozen while the other wrote, whose
 * unread stream entries Redis lost meanwhile, catches up from the store once it is back.
 */

const WAIT_MS = 30_000;

const occurrences = (text: string, token: string): number => text.split(token).length - 1;

describeRedis('pads across nodes: a Redis restart while two nodes write', () => {
  const cluster = useTestCluster({ nodes: 3 });
  let teacher: Browser;
  let pupil: Browser;
  let moderator: Browser;
  let classId: string;
  const clients: PadClient[] = [];

  beforeAll(async () => {
    const [first, second] = cluster().nodes;
    teacher = await signedIn(first!, PERSONA_LOGINS.teacher);
    pupil = await signedIn(first!, PERSONA_LOGINS.pupil);
    moderator = await signedIn(second!, PERSONA_LOGINS.pupilModerator);
    classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
  });
  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it('every edit before, during and after reaches both clients and the store; presence crosses nodes again', async () => {
    const [first, second, third] = cluster().nodes;
    const pad = await createPad(teacher, classId);
    const a = connectPad(first!, pupil, pad.id);
    const b = connectPad(second!, moderator, pad.id);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    const tokens: string[] = [];
    const complete = (text: string): boolean => tokens.every((token) => occurrences(text, token) === 1);
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

    const restarted = cluster().redis.restart();
    write('during', 5);
    await restarted;
    write('after', 5);
    await converged('edits during and after the restart reached both');

    // The collab connections killed: the nodes reconnect, catch up from the store, and go on.
    expect(await cluster().redis.clientKill(/name=preau:collab/)).toBeGreaterThan(0);
    write('killed', 5);
    await converged('edits after the connections were killed reached both');
    expect(a.text()).toBe(b.text());

    const userOf = (state: unknown): string | undefined => (state as { user?: { id?: string } }).user?.id;
    a.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 3 });
    b.provider.awareness.setLocalStateField('cursor', { anchor: 4, head: 4 });
    const others = (client: PadClient): number =>
      [...client.provider.awareness.getStates().entries()].filter(([id, state]) => id !== client.doc.clientID && userOf(state) !== undefined).length;
    await eventually(() => others(a) > 0 && others(b) > 0, 'each pupil sees the other one’s presence after the restart', WAIT_MS);

    const teacherOnThird = await signedIn(third!, PERSONA_LOGINS.teacher);
    const fromThird = await serverText(third!, teacherOnThird, pad.id);
    expect(complete(fromThird)).toBe(true);
  }, 120_000);

  it('a node that missed stream entries (frozen while Redis lost them) catches its pads up from the store', async () => {
    const [first, second, third] = cluster().nodes;
    const pad = await createPad(teacher, classId);
    const a = connectPad(first!, pupil, pad.id);
    const b = connectPad(second!, moderator, pad.id);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    // A reader on node 3: an edit it sees was stored (relayed after the store write) and added to the stream.
    const c = connectPad(third!, teacher, pad.id);
    clients.push(c);
    await c.synced();
    const tokens = ['frozen-0.', 'frozen-1.', 'frozen-2.'];

    // Node 2 frozen: the first pupil's edits are stored and added to the stream, unread by node 2…
    second!.process.kill('SIGSTOP');
    try {
      for (const token of tokens) addParagraph(a.doc, token);
      await eventually(() => tokens.every((token) => occurrences(c.text(), token) === 1), 'the edits were stored and reached node 3', WAIT_MS);
      // …then Redis loses them.
      await cluster().redis.restart();
    } finally {
      second!.process.kill('SIGCONT');
    }
    await eventually(() => tokens.every((token) => occurrences(b.text(), token) === 1), 'node 2 caught up from the store and relayed', WAIT_MS);
    expect(b.text()).toBe(a.text());
  }, 120_000);
});
