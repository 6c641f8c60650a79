import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForumPostView, ForumSearchHit, ForumTopicPage } from '../../../shared/forum/types';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import { richTextToPlain } from '../../../shared/richtext/validate';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { createTopic, doc, emit, following, newForum, nextEvent, ok, reply, storedDocuments } from './support';

const PHONE = '06 12 34 56 78';

/**
 * Issue 11, « a teacher's correction does not reach quotes »: after a moderator's edit removed a phone number
 * from a post, a reply quoting it still showed the number (the quote was a copy made when replying). A quote
 * now shows the quoted post's text as it is now, or « message retiré », and no forum document keeps a copy.
 */
describe('quotes follow corrections', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let chloe: Browser;
  const sockets: Socket[] = [];
  const follow = async (browser: Browser, forumId: string) => {
    const socket = await following(server, browser, forumId);
    sockets.push(socket);
    return socket;
  };
  const topicOf = async (browser: Browser, forumId: string, topicId: string) => {
    const answer = await browser.get<ForumTopicPage>(`/api/forums/${forumId}/topics/${topicId}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    chloe = await signedIn(server, 'chloe.nguyen');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('shows the corrected text in every quote (pages, broadcasts, search), and keeps the number only in evidence and revisions', async () => {
    const forumId = await newForum(world.browsers.teacher, world.classId);
    const lea = await follow(world.browsers.pupil, forumId);
    const teacher = await follow(world.browsers.teacher, forumId);
    const chloeSocket = await follow(chloe, forumId);
    const parent = await follow(world.browsers.parent, forumId);
    ok(await emit(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: forumId } }));
    // A pupil's number, held for a teacher, approved by mistake: the class reads it, Chloé quotes it.
    const { topic, post } = await createTopic(lea, forumId, 'Mon anniversaire', `Appelez ma maman au ${PHONE} pour venir`);
    if (post.status === 'pending') ok(await emit(teacher, 'forum:moderate', { forumId, postId: post.id, action: 'approve' }));
    const quoting = await reply(chloeSocket, forumId, topic.id, 'Je viendrai !', post.id);
    expect(quoting.quote!.excerpt).toContain(PHONE);

    // The teacher corrects it from the console: the quote, broadcast again, shows the corrected text.
    const live = nextEvent<ForumPostView>(parent, 'forum:postUpdated', (p) => p.id === quoting.id);
    const current = ok(await emit<{ item: ModeratedItemView; text: string }>(teacher, 'moderation:read', { kind: 'forumPost', itemId: post.id, spaceId: forumId }));
    const corrected = current.text.replace(PHONE, '(numéro retiré)');
    ok(await emit(teacher, 'moderation:act', { kind: 'forumPost', itemId: post.id, spaceId: forumId, action: 'edit', reasonCode: 'information_personnelle', version: current.item.version, content: { body: doc(corrected) } }));
    expect((await live).quote).toMatchObject({ postId: post.id, excerpt: 'Appelez ma maman au (numéro retiré) pour venir', removed: false });

    for (const browser of [world.browsers.parent, chloe, world.browsers.pupil, world.browsers.teacher]) {
      const page = await topicOf(browser, forumId, topic.id);
      expect(page.posts.find((p) => p.id === quoting.id)!.quote!.excerpt).toBe('Appelez ma maman au (numéro retiré) pour venir');
      expect(JSON.stringify(page.posts)).not.toContain(PHONE);
    }
    const search = async (browser: Browser, q: string) => (await browser.get<{ results: ForumSearchHit[] }>(`/api/forums/${forumId}/search?q=${encodeURIComponent(q)}`)).body.results;
    expect(await search(world.browsers.parent, '34 56')).toEqual([]);
    expect((await search(world.browsers.parent, 'numéro retiré')).map((hit) => hit.postId)).toEqual([post.id]);
    expect(JSON.stringify(await search(chloe, 'viendrai'))).not.toContain(PHONE);

    // No stored document of the forum keeps the number, but the teachers' evidence and the post's revisions.
    for (const collection of ['forum_posts', 'forum_topics', 'forum_reads']) {
      expect(JSON.stringify(await storedDocuments(server, collection)), collection).not.toContain(PHONE);
    }
    const revisions = await storedDocuments(server, 'forum_revisions');
    expect(revisions.filter((revision) => JSON.stringify(revision).includes(PHONE)).map((revision) => revision.postId)).toEqual([post.id]);
    expect((await storedDocuments(server, 'evidence')).some((evidence) => evidence.itemId === post.id && JSON.stringify(evidence).includes(PHONE))).toBe(true);
  });

  it('shows a quote of a hidden post as removed to pupils and parents, and again once restored', async () => {
    const forumId = await newForum(world.browsers.teacher, world.classId);
    const lea = await follow(world.browsers.pupil, forumId);
    const teacher = await follow(world.browsers.teacher, forumId);
    const parent = await follow(world.browsers.parent, forumId);
    const { topic, post } = await createTopic(lea, forumId, 'Débat', 'Les chats sont meilleurs que les chiens, et Hugo est bête');
    const quoting = await reply(teacher, forumId, topic.id, 'Restons polis, s’il vous plaît.', post.id);

    const hidden = nextEvent<ForumPostView>(parent, 'forum:postUpdated', (p) => p.id === quoting.id);
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: post.id, action: 'hide', reasonCode: 'insulte' }));
    expect((await hidden).quote).toMatchObject({ postId: post.id, excerpt: null, removed: true });
    const parentView = await topicOf(world.browsers.parent, forumId, topic.id);
    expect(parentView.posts.find((p) => p.id === quoting.id)!.quote).toMatchObject({ excerpt: null, removed: true });
    expect(JSON.stringify(parentView)).not.toContain('Hugo est bête');
    // Moderators still read what was removed, marked as such.
    const teacherView = await topicOf(world.browsers.teacher, forumId, topic.id);
    expect(teacherView.posts.find((p) => p.id === quoting.id)!.quote).toMatchObject({ excerpt: expect.stringContaining('Hugo est bête'), removed: true });

    const restored = nextEvent<ForumPostView>(parent, 'forum:postUpdated', (p) => p.id === quoting.id);
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: post.id, action: 'restore', reasonCode: 'erreur' }));
    expect((await restored).quote).toMatchObject({ excerpt: expect.stringContaining('meilleurs'), removed: false });
    expect(richTextToPlain((await topicOf(world.browsers.parent, forumId, topic.id)).posts[0]!.body!)).toContain('meilleurs');
  });
});
