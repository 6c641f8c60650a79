import { afterAll, beforeAll, expect, it } from 'vitest';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { PadAuthorship } from '../../../shared/pad/types';
import { PAD_UPDATES, type PadUpdateDoc } from '../../../server/features/pad/model';
import { useTestCluster } from '../../helpers/cluster';
import type { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { signedIn } from '../../helpers/sockets';
import { addParagraph, connectPad, createPad, eventually, serverText, storedDocs, type PadClient } from '../pad/support';

/**
 * One pad, two pupils on two different nodes (one store, one Redis): each one's edits reach the other through the
 * pad's shard stream, presence (carets) through pub/sub; a third node that never had the pad open loads it whole
 * from the store, and every stored update names its author.
 */

const EDITS = 25;
const WAIT_MS = 20_000;

const occurrences = (text: string, token: string): number => text.split(token).length - 1;

describeRedis('pads across nodes: two pupils on two nodes co-write one pad', () => {
  const cluster = useTestCluster({ nodes: 3 });
  let teacher: Browser;
  let pupil: Browser;
  let moderator: Browser;
  let ids: { pupil: string; moderator: string };
  let classId: string;
  const clients: PadClient[] = [];

  beforeAll(async () => {
    const [first, second] = cluster().nodes;
    teacher = await signedIn(first!, PERSONA_LOGINS.teacher);
    pupil = await signedIn(first!, PERSONA_LOGINS.pupil);
    moderator = await signedIn(second!, PERSONA_LOGINS.pupilModerator);
    classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    ids = {
      pupil: (await pupil.get<{ user: { id: string } }>('/api/me')).body.user.id,
      moderator: (await moderator.get<{ user: { id: string } }>('/api/me')).body.user.id,
    };
  });
  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it('both clients, the store and a third node converge; every stored update carries its author; presence crosses nodes', async () => {
    const [first, second, third] = cluster().nodes;
    const pad = await createPad(teacher, classId);
    const a = connectPad(first!, pupil, pad.id);
    const b = connectPad(second!, moderator, pad.id);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);

    const tokens: string[] = [];
    for (let i = 0; i < EDITS; i++) {
      const [fromA, fromB] = [`alpha-${i}.`, `beta-${i}.`];
      addParagraph(a.doc, fromA);
      addParagraph(b.doc, fromB);
      tokens.push(fromA, fromB);
    }
    const complete = (text: string): boolean => tokens.every((token) => occurrences(text, token) === 1);
    await eventually(() => complete(a.text()) && complete(b.text()), 'both clients hold every edit once', WAIT_MS);
    expect(a.text()).toBe(b.text());

    // Presence: each pupil's caret, named by the server, reaches the other node's client.
    a.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    b.provider.awareness.setLocalStateField('cursor', { anchor: 2, head: 2 });
    const sees = (client: PadClient, userId: string): boolean =>
      [...client.provider.awareness.getStates().values()].some((state) => (state as { user?: { id?: string } }).user?.id === userId);
    await eventually(() => sees(a, ids.moderator) && sees(b, ids.pupil), 'each pupil sees the other one’s presence', WAIT_MS);

    // A node that never had the pad open reads it whole from the store.
    const teacherOnThird = await signedIn(third!, PERSONA_LOGINS.teacher);
    const fromThird = await serverText(third!, teacherOnThird, pad.id);
    expect(complete(fromThird)).toBe(true);
    expect(fromThird).toBe(a.text());
    // …with who wrote what: both pupils, each on their own paragraphs.
    const authorship = await teacherOnThird.get<PadAuthorship>(`/api/pads/${pad.id}/authors`);
    expect(authorship.status).toBe(200);
    expect(authorship.body.authors.map((author) => author.id).sort()).toEqual([ids.pupil, ids.moderator].sort());

    // Every stored row names its authors, and both pupils wrote.
    const rows = (await storedDocs<PadUpdateDoc>(cluster().dataDir, PAD_UPDATES)).filter((row) => row.doc === padDocumentName(pad.id));
    expect(rows.length).toBeGreaterThan(0);
    const authors = new Set<string>();
    for (const row of rows) {
      expect(row.authors?.length ?? 0).toBeGreaterThan(0);
      for (const author of row.authors ?? []) authors.add(author.userId);
    }
    expect([...authors].sort()).toEqual([ids.pupil, ids.moderator].sort());
  }, 90_000);
});
