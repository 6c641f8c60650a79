import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestCluster } from '../../helpers/cluster';
import type { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { describeNginx } from '../../helpers/nginx';
import { signedIn } from '../../helpers/sockets';
import { addParagraph, connectPad, cookieWebSocket, createPad, eventually, padText, type PadClient } from '../pad/support';

/**
 * A node killed (SIGKILL) in the middle of a pad's editing: its editors reconnect through nginx to another node
 * and go on; every edit is in the pad once, on every client and in the store; a read-only connection's writes
 * were never accepted, before or after.
 */
const EDITS = 200;
/** Convergence after a failover: reconnection backoff, the pad loaded from the store, on a loaded machine. */
const CONVERGE_MS = 60_000;

/** A WebSocket class whose first connection goes to `first` (a node) and every later one through `then` (nginx). */
function failoverWebSocket(first: string, then: string, browser: Browser, origin: string): typeof WebSocket {
  let opened = 0;
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(opened++ === 0 ? url : url.replace(first, then), protocols, { headers: { Origin: origin, Cookie: browser.cookieHeader } });
    }
  } as typeof WebSocket;
}

describeNginx('pads when a node dies', () => {
  describeRedis('kill -9 of a node during 200 edits', () => {
    const cluster = useTestCluster({ nodes: 3, nginx: true });
    const clients: PadClient[] = [];
    let teacher: Browser;

    beforeAll(async () => {
      teacher = await signedIn(cluster().front(), PERSONA_LOGINS.teacher);
    });
    afterAll(() => {
      for (const client of clients) client.destroy();
    });

    it('the editors reconnect through nginx to another node; nothing is lost or doubled; the read-only writes never land', async () => {
      const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
      // Teachers write; the designated pupil moderator writes too; other pupils read only.
      const pad = await createPad(teacher, classId, { writers: 'teachers' });
      const moderator = await signedIn(cluster().front(), PERSONA_LOGINS.pupilModerator);
      const moderatorId = (await moderator.get<{ user: { id: string } }>('/api/me')).body.user.id;
      expect((await teacher.post(`/api/spaces/${pad.id}/moderators`, { userId: moderatorId })).status).toBe(200);
      const reader = await signedIn(cluster().front(), PERSONA_LOGINS.pupil);

      const doomed = cluster().nodes[1]!;
      const front = cluster().front();
      const wsUrl = (url: string) => url.replace('http', 'ws');
      const open = (browser: Browser) => {
        const client = connectPad(doomed, browser, pad.id, {
          webSocket: failoverWebSocket(wsUrl(doomed.url), wsUrl(front.url), browser, cluster().publicOrigin!),
        });
        clients.push(client);
        return client;
      };
      const [byTeacher, byModerator, byReader] = [open(teacher), open(moderator), open(reader)];
      await Promise.all([byTeacher.synced(), byModerator.synced(), byReader.synced()]);
      await eventually(() => byReader.access()?.mode === 'read', 'the reader reads only', 10_000);

      const markers: string[] = [];
      let killed: Promise<void> | undefined;
      for (let edit = 0; edit < EDITS; edit += 1) {
        const [writer, who] = edit % 2 === 0 ? [byTeacher, 'T'] : [byModerator, 'M'];
        const marker = `${who}${String(edit).padStart(3, '0')}`;
        markers.push(marker);
        addParagraph(writer.doc, marker);
        if (edit === 20) addParagraph(byReader.doc, 'LECTURE-AVANT');
        if (edit === EDITS / 2) killed = doomed.kill();
        if (edit === EDITS / 2 + 20) addParagraph(byReader.doc, 'LECTURE-APRES');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await killed;

      const expected = (client: PadClient) => {
        const lines = padText(client.doc).split('\n');
        return markers.every((marker) => lines.filter((line) => line === marker).length === 1);
      };
      await eventually(() => expected(byTeacher) && expected(byModerator) && byTeacher.text() === byModerator.text(), 'both editors converge on every edit, once each', CONVERGE_MS);
      // A fresh connection to each surviving node: one of them loads the pad from the store.
      const textOn = async (node: number): Promise<string> => {
        const server = cluster().nodes[node]!;
        const observer = connectPad(server, teacher, pad.id, { webSocket: cookieWebSocket(server, teacher, cluster().publicOrigin!) });
        try {
          await observer.synced();
          return observer.text();
        } finally {
          observer.destroy();
        }
      };
      await eventually(async () => (await textOn(0)) === byTeacher.text(), 'node 1 converges', CONVERGE_MS);
      const stored = await textOn(2);
      expect(stored).toBe(byTeacher.text());
      expect(stored).not.toContain('LECTURE');
      expect(byReader.refusals.length).toBeGreaterThan(0);
    }, 180_000);
  });
});
