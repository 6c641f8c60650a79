/**
 * Support for the pad scenarios across nodes: a cluster (`useClassCluster`: the CE2 class and its teacher on node 1)
 * with two pupils signed in, pad clients on a chosen node (destroyed after the tests), and what the scenarios check
 * alike: every edit held exactly once, the text a node that never had the pad open loads from the store, the pad's
 * stored update rows.
 */
import type WebSocket from 'ws';
import { afterAll, beforeAll } from 'vitest';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { PAD_UPDATES, type PadUpdateDoc } from '../../../server/features/pad/model';
import type { StartClusterOptions, TestCluster } from '../../helpers/cluster';
import type { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import type { TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { connectPad, createPad, serverText, storedDocs, type PadClient } from '../pad/support';
import { useClassCluster } from './support';

/** How many times `token` stands in `text`. */
export const occurrences = (text: string, token: string): number => text.split(token).length - 1;

/** Whether a text holds each of `tokens` exactly once (read when called: tokens may be added meanwhile). */
export const holdsEachOnce =
  (tokens: readonly string[]) =>
  (text: string): boolean =>
    tokens.every((token) => occurrences(text, token) === 1);

export interface PadCluster {
  cluster(): TestCluster;
  /** Node `index` (0-based). */
  node(index: number): TestServer;
  /** The CE2 teacher, signed in on node 1. */
  teacher(): Browser;
  /** The CE2 pupil, signed in on node 1. */
  pupil(): Browser;
  /** The CE2 moderator pupil, signed in on node `moderatorNode`. */
  moderator(): Browser;
  /** The two pupils' user ids. */
  ids(): { pupil: string; moderator: string };
  /** A new pad of the class, by its teacher. */
  newPad(): Promise<SpaceSummary>;
  /** A pad client on node `index` as `browser` (through `webSocket` if given), destroyed after the tests. */
  connect(index: number, browser: Browser, padId: string, webSocket?: typeof WebSocket): PadClient;
  /** The pupil on node 1 and the moderator on node 2 on one pad, both synced. */
  pair(padId: string): Promise<[PadClient, PadClient]>;
  /** The teacher signed in on node `index` and the pad's text as that node serves it to a fresh reader. */
  readOn(index: number, padId: string): Promise<{ teacher: Browser; text: string }>;
  /** The pad's update rows in the shared store. */
  storedRows(padId: string): Promise<PadUpdateDoc[]>;
}

/**
 * A cluster for a whole `describe` block, with the class's teacher and pupil signed in on node 1 and its moderator
 * pupil on `moderatorNode` (default node 2, 0-based 1).
 */
export function usePadCluster(options: StartClusterOptions & { moderatorNode?: number } = {}): PadCluster {
  const { moderatorNode = 1, ...clusterOptions } = options;
  const classCluster = useClassCluster(clusterOptions);
  const { cluster } = classCluster;
  const clients: PadClient[] = [];
  let pupil: Browser | undefined;
  let moderator: Browser | undefined;
  let ids: { pupil: string; moderator: string } | undefined;
  const node = (index: number): TestServer => {
    const server = cluster().nodes[index];
    if (!server) throw new Error(`the cluster has no node ${index}`);
    return server;
  };
  const userId = async (browser: Browser): Promise<string> => (await browser.get<{ user: { id: string } }>('/api/me')).body.user.id;
  beforeAll(async () => {
    pupil = await signedIn(node(0), PERSONA_LOGINS.pupil);
    moderator = await signedIn(node(moderatorNode), PERSONA_LOGINS.pupilModerator);
    ids = { pupil: await userId(pupil), moderator: await userId(moderator) };
  });
  afterAll(() => {
    for (const client of clients) client.destroy();
  });
  const connect = (index: number, browser: Browser, padId: string, webSocket?: typeof WebSocket): PadClient => {
    const client = connectPad(node(index), browser, padId, webSocket ? { webSocket } : {});
    clients.push(client);
    return client;
  };
  return {
    cluster,
    node,
    teacher: classCluster.teacher,
    pupil: () => pupil!,
    moderator: () => moderator!,
    ids: () => ids!,
    newPad: () => createPad(classCluster.teacher(), classCluster.classId()),
    connect,
    async pair(padId) {
      const a = connect(0, pupil!, padId);
      const b = connect(1, moderator!, padId);
      await Promise.all([a.synced(), b.synced()]);
      return [a, b];
    },
    async readOn(index, padId) {
      const teacher = await signedIn(node(index), PERSONA_LOGINS.teacher);
      return { teacher, text: await serverText(node(index), teacher, padId) };
    },
    async storedRows(padId) {
      const name = padDocumentName(padId);
      return (await storedDocs<PadUpdateDoc>(cluster().dataDir, PAD_UPDATES)).filter((row) => row.doc === name);
    },
  };
}
