import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { NotificationView } from '../../../shared/notifications/types';
import type { WallCard } from '../../../shared/wall/types';
import { useTestCluster } from '../../helpers/cluster';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import type { TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { joinWall } from '../wall/support';
import { centre, createWall, eventually, liveTab, must, PATIENCE_MS } from './support';

const utc = (iso: string): number => Date.parse(`${iso}Z`);
const clockFile = join(mkdtempSync(join(tmpdir(), 'preau-quiet-cluster-clock-')), 'now');
const setClock = (instant: number): void => writeFileSync(clockFile, String(instant));
// Tuesday 8 December 2026, 21:00 in Paris: the teacher is quiet (19:00–07:30 by default).
setClock(utc('2026-12-08T20:00'));

/** The release job's runs on every node so far. */
const releaseRuns = (nodes: readonly TestServer[]): number =>
  nodes.reduce((runs, node) => runs + (node.output().match(/"job":"notifications\.release"[^\n]*"msg":"job ran"/g)?.length ?? 0), 0);

describeRedis('quiet hours across nodes', () => {
  const cluster = useTestCluster({ nodes: 2, env: { CLOCK_FILE: clockFile, NOTIFICATION_RELEASE_INTERVAL_MS: '200' } });
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('what was held is released once, as ONE summary counting each held notification once, to the teacher’s tabs on both nodes', async () => {
    const nodes = cluster().nodes;
    const teacher = await signedIn(nodes[0]!, PERSONA_LOGINS.teacher);
    const pupil = await signedIn(nodes[1]!, PERSONA_LOGINS.pupil);
    const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const walls = [(await createWall(teacher, classId)).id, (await createWall(teacher, classId)).id, (await createWall(teacher, classId)).id];
    const tabs = [await liveTab(nodes[0]!, teacher), await liveTab(nodes[1]!, teacher)];
    sockets.push(...tabs.map((tab) => tab.socket));
    for (const spaceId of walls) {
      const author = await joinWall(nodes[1]!, pupil, spaceId);
      sockets.push(author);
      await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Une carte' });
    }
    await eventually(async () => (await centre(teacher)).notifications.filter((n) => n.kind === 'newCard').length === 3, 'three held notifications in her centre', PATIENCE_MS);
    for (const tab of tabs) expect(tab.popped).toEqual([]);

    setClock(utc('2026-12-09T06:31'));
    const summaries = (popped: readonly NotificationView[]) => popped.filter((n) => n.kind === 'quietSummary');
    await eventually(() => tabs.every((tab) => summaries(tab.popped).length > 0), 'both tabs get the summary', PATIENCE_MS);
    // Several more runs, on either node: nothing is released twice.
    const target = releaseRuns(nodes) + 6;
    await eventually(() => releaseRuns(nodes) >= target, 'more runs of the release job', PATIENCE_MS);
    for (const tab of tabs) expect(summaries(tab.popped)).toMatchObject([{ held: { newCard: 3 }, count: 3 }]);
    expect((await centre(teacher)).notifications.filter((n) => n.kind === 'quietSummary')).toHaveLength(1);
  }, 120_000);
});
