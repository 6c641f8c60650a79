import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { padDocumentName } from '../../../shared/pad/protocol';
import { PAD_SNAPSHOTS, PAD_UPDATES, type PadSnapshotDoc, type PadUpdateDoc } from '../../../server/features/pad/model';
import { useTestCluster } from '../../helpers/cluster';
import type { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import type { TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { addParagraph, connectPad, createPad, eventually, padText, storedDocs, type PadClient } from '../pad/support';

/**
 * kill -9 of the node a writer is on, in the middle of 200 edits: its client reconnects to another node (as nginx
 * would send it there) and resends what it holds; a reader on a third node saw each edit once it was durable, and
 * in the end it, the writer and the store hold all 200 edits exactly once.
 */

const EDITS = 200;
const KILL_AT = 100;
const WAIT_MS = 30_000;

const occurrences = (text: string, token: string): number => text.split(token).length - 1;

describeRedis('pads across nodes: kill -9 of a writer’s node during 200 edits', () => {
  const cluster = useTestCluster({ nodes: 3 });
  let teacher: Browser;
  let pupil: Browser;
  let moderator: Browser;
  let classId: string;
  const clients: PadClient[] = [];

  beforeAll(async () => {
    const [first] = cluster().nodes;
    teacher = await signedIn(first!, PERSONA_LOGINS.teacher);
    pupil = await signedIn(first!, PERSONA_LOGINS.pupil);
    moderator = await signedIn(first!, PERSONA_LOGINS.pupilModerator);
    classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
  });
  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it('nothing acknowledged is lost, nothing is duplicated', async () => {
    const [first, second, third] = cluster().nodes as [TestServer, TestServer, TestServer];
    const pad = await createPad(teacher, classId);
    // The writer's connections go to `target`: node 2, then, once it is dead, node 1 (the load balancer's part).
    let target = second;
    const Rerouted = class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url.replace(/^ws:\/\/[^/]+/, target.url.replace('http', 'ws')), protocols, { headers: { Origin: target.url, Cookie: pupil.cookieHeader } });
      }
    };
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(second.url.replace('http', 'ws') + '/collab', padDocumentName(pad.id), doc, {
      WebSocketPolyfill: Rerouted as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 300,
    });
    const reader = connectPad(third, moderator, pad.id);
    clients.push(reader);
    await Promise.all([reader.synced(), new Promise<void>((resolve) => provider.once('sync', (synced: boolean) => synced && resolve()))]);

    const tokens: string[] = [];
    for (let i = 0; i < EDITS; i++) {
      const token = `edit-${i}.`;
      tokens.push(token);
      addParagraph(doc, token);
      if (i < KILL_AT) {
        // Acknowledged: the reader on another node has it, so it was stored first.
        await eventually(() => occurrences(reader.text(), token) === 1, `${token} reached the reader`, WAIT_MS);
      } else if (i === KILL_AT) {
        // Killed with this edit in flight; the writer goes on typing while it reconnects.
        target = first;
        await second.kill();
      } else await new Promise((resolve) => setImmediate(resolve));
    }
    const complete = (text: string): boolean => tokens.every((token) => occurrences(text, token) === 1);
    await eventually(() => complete(reader.text()) && complete(padText(doc)), 'the writer and the reader hold every edit once', WAIT_MS);
    expect(padText(doc)).toBe(reader.text());

    // The store too: its snapshot and rows, read through the storage port, make the same text.
    const name = padDocumentName(pad.id);
    await eventually(
      async () => {
        const stored = new Y.Doc();
        const snapshot = (await storedDocs<PadSnapshotDoc>(cluster().dataDir, PAD_SNAPSHOTS)).find((each) => each._id === name);
        if (snapshot) Y.applyUpdate(stored, snapshot.state);
        for (const row of (await storedDocs<PadUpdateDoc>(cluster().dataDir, PAD_UPDATES)).filter((each) => each.doc === name)) Y.applyUpdate(stored, row.update);
        return complete(padText(stored));
      },
      'the store holds every edit once',
      WAIT_MS,
    );
    provider.destroy();
    doc.destroy();
  }, 120_000);
});
