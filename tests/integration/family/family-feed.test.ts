/**
 * The family page's week (`GET /api/family/children/:childId/feed`) and the teachers' class week
 * (`GET /api/classes/:classId/feed`): a parent reads what their child did this week, and only what they may read.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildWeekFeed, ClassWeekFeed, FamilyResponse, FeedEntry } from '../../../shared/family/types';
import { weekStartOf } from '../../../shared/family/week';
import type { UploadedFile, WallCard } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { openTestStore } from '../../helpers/store';
import { png } from '../../fixtures/wall/images';
import { addParagraph, connectPad, createPad, eventually, serverText } from '../pad/support';
import { FORUM_TEST_SERVER, createTopic, following, newForum, reply } from '../forum/support';
import { createWall, download, joinWall, must, postCard, upload } from '../wall/support';

/** Moves the audit event of an item's creation to another instant (as if it had been written then). */
async function moveEvent(server: TestServer, event: string, targetId: string, ts: number): Promise<void> {
  const store = await openTestStore(server.dataDir);
  try {
    const audit = store.collection<{ _id: string; event: string; target: { id: string }; ts: number }>('audit');
    const found = await audit.findOne({ event, 'target.id': targetId });
    if (!found) throw new Error(`no ${event} for ${targetId}`);
    await audit.updateOne({ _id: found._id }, { $set: { ts } });
  } finally {
    await store.close();
  }
}

/** A pad's text as a fresh reader gets it from the server. */
let storedPadText: (padId: string) => Promise<string>;

describe('the family week: what my child did, and only what I may read', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let chloe: Browser;
  let ethan: Browser;
  let leaId: string;
  let openWall: string;
  let reviewedWall: string;
  let otherClassWall: string;
  let forumId: string;
  const sockets: Socket[] = [];
  const ids = { leaCard: '', leaPicture: '', leaTopic: '', leaReply: '', leaComment: '', pendingCard: '', hiddenCard: '', hiddenComment: '', deletedCard: '', otherClassCard: '', teacherCard: '' };

  const join = async (socket: Promise<Socket>) => {
    const joined = await socket;
    sockets.push(joined);
    return joined;
  };
  const feedOf = async (browser: Browser, childId: string, before?: number) => {
    const answer = await browser.get<ChildWeekFeed>(`/api/family/children/${childId}/feed${before ? `?before=${before}` : ''}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const itemIds = (feed: { entries: FeedEntry[] }) => feed.entries.map((entry) => entry.itemId);

  beforeAll(async () => {
    // A pad left by its last writer unloads at once, which records its edit activity (`pad.edited`).
    server = await startServer({ env: { ...FORUM_TEST_SERVER.env, PAD_UNLOAD_GRACE_MS: '50' } });
    world = await personaWorld(server);
    storedPadText = (padId) => serverText(server, world.browsers.teacher, padId);
    leaId = world.ids.pupil;
    chloe = await signedIn(server, 'chloe.nguyen');
    ethan = world.browsers.pupilOtherClass;
    const { teacher } = world.browsers;
    openWall = (await createWall(teacher, world.classId, {}, { parentsMayComment: true })).id;
    reviewedWall = (await createWall(teacher, world.classId, { preModeration: true })).id;
    otherClassWall = (await createWall(world.browsers.teacherOtherClass, world.otherClassId)).id;
    forumId = await newForum(teacher, world.classId);

    const lea = await join(joinWall(server, world.browsers.pupil, openWall));
    const classmate = await join(joinWall(server, chloe, openWall));
    const teacherSocket = await join(joinWall(server, teacher, openWall));
    ids.leaCard = (await postCard(lea, openWall, { title: 'Mon chat Pompon', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Il dort toute la journée.' }] }] } })).card.id;
    const file = (await upload(world.browsers.pupil, openWall, await png(), 'dessin.png')).body as UploadedFile;
    ids.leaPicture = (await must<{ card: WallCard }>(lea, 'wall:card:create', { spaceId: openWall, title: 'Mon dessin', attachmentId: file.blobId })).card.id;
    ids.teacherCard = (await postCard(teacherSocket, openWall, { title: 'Sortie au musée jeudi' })).card.id;
    ids.hiddenCard = (await postCard(classmate, openWall, { title: 'Carte masquée' })).card.id;
    ids.deletedCard = (await postCard(classmate, openWall, { title: 'Carte supprimée' })).card.id;
    ids.leaComment = (await must<{ comment: { id: string } }>(lea, 'wall:comment:create', { spaceId: openWall, cardId: ids.teacherCard, text: 'Super, merci maîtresse !' })).comment.id;
    ids.hiddenComment = (await must<{ comment: { id: string } }>(lea, 'wall:comment:create', { spaceId: openWall, cardId: ids.hiddenCard, text: 'Un commentaire sur une carte masquée' })).comment.id;
    const act = (itemId: string, action: 'hide' | 'delete') =>
      must(teacherSocket, 'moderation:act', { kind: 'wallCard', itemId, spaceId: openWall, action, reasonCode: 'hors_sujet', version: 1 });
    await act(ids.hiddenCard, 'hide');
    await act(ids.deletedCard, 'delete');

    const reviewed = await join(joinWall(server, chloe, reviewedWall));
    ids.pendingCard = (await postCard(reviewed, reviewedWall, { title: 'En attente de validation' })).card.id;
    const other = await join(joinWall(server, ethan, otherClassWall));
    ids.otherClassCard = (await postCard(other, otherClassWall, { title: 'Carte des CM2' })).card.id;

    const leaForum = await following(server, world.browsers.pupil, forumId);
    const teacherForum = await following(server, teacher, forumId);
    sockets.push(leaForum, teacherForum);
    const { topic } = await createTopic(teacherForum, forumId, 'Nos lectures', 'Quel livre avez-vous aimé ?');
    ids.leaReply = (await reply(leaForum, forumId, topic.id, "J'ai aimé Le Petit Prince.")).id;
    ids.leaTopic = (await createTopic(leaForum, forumId, 'Mon exposé', 'Les volcans')).topic.id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('lists a parent’s children with their classes, and nobody’s for a teacher', async () => {
    const family = (await world.browsers.parent.get<FamilyResponse>('/api/family')).body;
    expect(family.children).toEqual([{ id: leaId, displayName: 'Léa Martin', classes: [{ id: world.classId, name: expect.any(String) }] }]);
    expect((await world.browsers.teacher.get<FamilyResponse>('/api/family')).body.children).toEqual([]);
  });

  it('shows the card, the comment, the forum reply and topic Léa wrote this week, with her name, and what the teacher published', async () => {
    const feed = await feedOf(world.browsers.parent, leaId);
    expect(feed.child).toEqual({ id: leaId, displayName: 'Léa Martin' });
    expect(feed.weekStart).toBe(weekStartOf(Date.now()));
    const byId = new Map(feed.entries.map((entry) => [entry.itemId, entry]));
    expect(byId.get(ids.leaCard)).toMatchObject({ kind: 'wallCard', authorName: 'Léa Martin', byChild: true, byTeacher: false, cardId: ids.leaCard, title: 'Mon chat Pompon', space: { id: openWall, kind: 'wall' } });
    // The card's text, without its title (the entry names it).
    expect(byId.get(ids.leaCard)?.excerpt).toBe('Il dort toute la journée.');
    expect(byId.get(ids.leaComment)).toMatchObject({ kind: 'wallComment', authorName: 'Léa Martin', byChild: true, cardId: ids.teacherCard, excerpt: 'Super, merci maîtresse !' });
    expect(byId.get(ids.leaReply)).toMatchObject({ kind: 'forumPost', authorName: 'Léa Martin', byChild: true, topicId: expect.any(String), title: 'Nos lectures', space: { id: forumId, kind: 'forum' } });
    expect(byId.get(ids.leaReply)?.excerpt).toContain('Le Petit Prince');
    const topicEntry = feed.entries.find((entry) => entry.kind === 'forumTopic' && entry.topicId === ids.leaTopic);
    expect(topicEntry).toMatchObject({ authorName: 'Léa Martin', byChild: true, title: 'Mon exposé', excerpt: 'Les volcans' });
    expect(byId.get(ids.teacherCard)).toMatchObject({ authorName: 'Claire Fontaine', byChild: false, byTeacher: true });
    // Newest first.
    const times = feed.entries.map((entry) => entry.at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(feed.spaces.find((summary) => summary.space.id === openWall)?.count).toBeGreaterThanOrEqual(4);
  });

  it('shows a card’s picture small, through the wall’s own file route, which the parent may open', async () => {
    const feed = await feedOf(world.browsers.parent, leaId);
    const entry = feed.entries.find((found) => found.itemId === ids.leaPicture);
    expect(entry?.pictureUrl).toMatch(new RegExp(`^/api/walls/${openWall}/files/[^/]+/thumb$`));
    const got = await download(world.browsers.parent, entry!.pictureUrl!);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toMatch(/^image\//);
  });

  it('never shows another child’s pending card, a hidden or deleted card, a comment on a hidden card, nor another class’s space', async () => {
    const feed = await feedOf(world.browsers.parent, leaId);
    const seen = itemIds(feed);
    for (const hidden of [ids.pendingCard, ids.hiddenCard, ids.deletedCard, ids.hiddenComment, ids.otherClassCard]) expect(seen).not.toContain(hidden);
    expect(feed.entries.some((entry) => entry.space.id === otherClassWall)).toBe(false);
    expect(feed.spaces.some((summary) => summary.space.id === otherClassWall || summary.space.id === reviewedWall)).toBe(false);
    expect(JSON.stringify(feed)).not.toMatch(/En attente de validation|Carte masquée|Carte supprimée|Carte des CM2|carte masquée/);
    // The teacher who moderates the walls would see them: what differs is the reader, not the data.
    const teacherWeek = (await world.browsers.teacher.get<ClassWeekFeed>(`/api/classes/${world.classId}/feed`)).body;
    expect(itemIds(teacherWeek)).toEqual(expect.arrayContaining([ids.pendingCard, ids.hiddenCard]));
    expect(itemIds(teacherWeek)).not.toContain(ids.deletedCard);
    expect(teacherWeek.entries.find((entry) => entry.itemId === ids.pendingCard)?.state).toBe('pending');
    expect(teacherWeek.entries.find((entry) => entry.itemId === ids.hiddenCard)?.state).toBe('hidden');
    expect(feed.entries.every((entry) => entry.state === 'visible')).toBe(true);
  });

  it('answers 404 for another family’s child or an unknown id, and for a teacher asking as a parent', async () => {
    const ethanId = world.ids.pupilOtherClass;
    expect((await world.browsers.parent.get(`/api/family/children/${ethanId}/feed`)).status).toBe(404);
    expect((await world.browsers.parent.get('/api/family/children/nobody/feed')).status).toBe(404);
    expect((await world.browsers.teacher.get(`/api/family/children/${leaId}/feed`)).status).toBe(404);
    const otherParent = await signedIn(server, 'laure.mercier');
    expect((await otherParent.get(`/api/family/children/${leaId}/feed`)).status).toBe(404);
    expect((await otherParent.get(`/api/family/children/${ethanId}/feed`)).status).toBe(200);
    expect((await world.browsers.parent.get(`/api/family/children/${leaId}/feed`)).status).toBe(200);
  });

  it('gives the class week to its teachers and the director, with each pupil’s count, and to no one else', async () => {
    const week = await world.browsers.teacher.get<ClassWeekFeed>(`/api/classes/${world.classId}/feed`);
    expect(week.status).toBe(200);
    const lea = week.body.pupils.find((pupil) => pupil.id === leaId);
    // Her card, her picture, two comments, her reply and her topic.
    expect(lea).toMatchObject({ displayName: 'Léa Martin', count: 6 });
    // Her hidden card and her card waiting for review (the teacher moderates both walls); not the deleted one.
    expect(week.body.pupils.find((pupil) => pupil.displayName === 'Chloé Nguyen')?.count).toBe(2);
    expect(week.body.pupils.some((pupil) => pupil.id === world.ids.teacher)).toBe(false);
    expect((await world.browsers.director.get(`/api/classes/${world.classId}/feed`)).status).toBe(200);
    for (const persona of ['parent', 'pupil', 'teacherOtherClass'] as const) expect((await world.browsers[persona].get(`/api/classes/${world.classId}/feed`)).status).toBe(403);
    expect((await world.browsers.teacher.get('/api/classes/nowhere/feed')).status).toBe(404);
  });

  it('shows the passages Léa wrote in a pad, from the server’s attribution, and the teacher’s edit without its text', async () => {
    const padId = (await createPad(world.browsers.teacher, world.classId)).id;
    for (const [browser, text] of [
      [world.browsers.pupil, 'Les dinosaures vivaient il y a très longtemps.'],
      [world.browsers.teacher, 'Consigne : une phrase chacun.'],
    ] as const) {
      const client = connectPad(server, browser, padId);
      await client.synced();
      addParagraph(client.doc, text);
      await eventually(async () => (await storedPadText(padId)).includes(text), 'the paragraph reaches the server', 20_000);
      client.destroy();
    }
    let entries: FeedEntry[] = [];
    await eventually(
      async () => {
        entries = (await feedOf(world.browsers.parent, leaId)).entries.filter((entry) => entry.space.id === padId);
        return entries.length === 2;
      },
      'both edits are in the week',
      30_000,
    );
    expect(entries.find((entry) => entry.byChild)).toMatchObject({ kind: 'pad', authorName: 'Léa Martin', itemId: padId, excerpt: 'Les dinosaures vivaient il y a très longtemps.' });
    expect(entries.find((entry) => !entry.byChild)).toMatchObject({ kind: 'pad', authorName: 'Claire Fontaine', byTeacher: true, excerpt: null });
  });

  it('pages one week at a time across a Monday, Paris time', async () => {
    const monday = weekStartOf(Date.now());
    // Léa's card written on Monday at 00:00 stays in this week; her reply at 23:59:59.999 on the Sunday before moves to last week.
    await moveEvent(server, 'wall.card_created', ids.leaCard, monday);
    await moveEvent(server, 'forum.post_created', ids.leaReply, monday - 1);
    const now = await feedOf(world.browsers.parent, leaId);
    expect(itemIds(now)).toContain(ids.leaCard);
    expect(itemIds(now)).not.toContain(ids.leaReply);
    expect(now.nextBefore).toBe(monday);
    const earlier = await feedOf(world.browsers.parent, leaId, now.nextBefore!);
    expect(earlier.weekEnd).toBe(monday);
    expect(earlier.weekStart).toBe(weekStartOf(monday - 1));
    expect(itemIds(earlier)).toEqual([ids.leaReply]);
    expect(earlier.entries[0]).toMatchObject({ authorName: 'Léa Martin', byChild: true, at: monday - 1 });
    expect(earlier.nextBefore).toBeNull();
  });

  it('refuses a malformed week', async () => {
    expect((await world.browsers.parent.get(`/api/family/children/${leaId}/feed?before=hier`)).status).toBe(400);
  });

  it('is for signed-in users only', async () => {
    const anonymous = await fetch(`${server.url}/api/family`);
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${server.url}/api/family/children/${leaId}/feed`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/classes/${world.classId}/feed`)).status).toBe(401);
  });
});
