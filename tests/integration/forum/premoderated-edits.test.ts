import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForumPostView, ForumRevisionView, ForumSearchHit, ForumTopicPage, ForumTopicsPage, ForumTopicView } from '../../../shared/forum/types';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import { richTextToPlain } from '../../../shared/richtext/validate';
import type { Browser } from '../../helpers/http';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { collect, createTopic, edit, emit, following, newForum, nextEvent, ok, reply } from './support';

const QUIET_MS = 400;
const settle = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));
const text = (post: ForumPostView | undefined) => (post?.body ? richTextToPlain(post.body).trim() : null);

/**
 * Issue 11, « pre-moderation is bypassed by editing after approval »: in a pre-moderated forum, a pupil's edit of
 * an approved post (within the edit window) went live with no review. Now the change waits for a moderator:
 * the others keep the approved version (pages, broadcasts, search) until a teacher approves or rejects it; the
 * author and the moderators see the change, marked.
 */
describe('pre-moderation holds every change of a forum post', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let chloe: Browser;
  let forumId: string;
  const sockets: Socket[] = [];
  const follow = async (browser: Browser) => {
    const socket = await following(server, browser, forumId);
    sockets.push(socket);
    return socket;
  };
  const topicPage = async (browser: Browser, topicId: string) => {
    const answer = await browser.get<ForumTopicPage>(`/api/forums/${forumId}/topics/${topicId}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    chloe = await signedIn(server, 'chloe.nguyen');
    forumId = await newForum(world.browsers.teacher, world.classId, { preModeration: true, editWindowMinutes: 30 });
    await designateModerator(world, forumId);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('keeps the approved text for the others until a teacher approves the change, then publishes it', async () => {
    const lea = await follow(world.browsers.pupil);
    const teacher = await follow(world.browsers.teacher);
    const classmate = await follow(chloe);
    const parent = await follow(world.browsers.parent);
    const pupilModerator = await follow(world.browsers.pupilModerator);
    const { topic, post } = await createTopic(lea, forumId, 'Mon exposé', 'Les abeilles font du miel.');
    expect(post.status).toBe('pending');
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: post.id, action: 'approve' }));

    // Within the edit window, Léa changes the text and the title of her approved post.
    const toClassmate = collect<ForumPostView>(classmate, 'forum:postUpdated');
    const topicsToParent = collect<ForumTopicView>(parent, 'forum:topic');
    const toTeacher = nextEvent<ForumPostView>(teacher, 'forum:postUpdated', (p) => p.id === post.id && p.pendingBody !== null);
    const changed = await edit(lea, forumId, post.id, 'Les abeilles sont des idiotes.', 'Les abeilles sont nulles');
    expect(changed).toMatchObject({ status: 'published', personalInfo: false });
    expect(text(changed)).toBe('Les abeilles font du miel.');
    expect(richTextToPlain(changed.pendingBody!).trim()).toBe('Les abeilles sont des idiotes.');
    const seenByTeacher = await toTeacher;
    expect(seenByTeacher.actions).toEqual(expect.arrayContaining(['approve', 'reject']));

    // The others: pages, broadcasts, search and the topic's title all stay as approved.
    await settle();
    for (const seen of toClassmate.filter((p) => p.id === post.id)) {
      expect(text(seen)).toBe('Les abeilles font du miel.');
      expect(seen.pendingBody).toBeNull();
    }
    expect(topicsToParent.filter((t) => t.title !== 'Mon exposé')).toEqual([]);
    for (const browser of [chloe, world.browsers.parent, world.browsers.pupilModerator]) {
      const page = await topicPage(browser, topic.id);
      expect(text(page.posts[0])).toBe('Les abeilles font du miel.');
      expect(page.topic.title).toBe('Mon exposé');
    }
    expect((await topicPage(chloe, topic.id)).posts[0]).toMatchObject({ pendingBody: null });
    expect((await topicPage(chloe, topic.id)).topic.pendingTitle).toBeNull();
    expect((await chloe.get<{ results: ForumSearchHit[] }>(`/api/forums/${forumId}/search?q=idiotes`)).body.results).toEqual([]);
    expect((await chloe.get<ForumTopicsPage>(`/api/forums/${forumId}/topics`)).body.topics.map((t) => t.title)).toContain('Mon exposé');
    // Léa and the teacher see the change, marked.
    const own = await topicPage(world.browsers.pupil, topic.id);
    expect(richTextToPlain(own.posts[0]!.pendingBody!).trim()).toBe('Les abeilles sont des idiotes.');
    expect(own.topic.pendingTitle).toBe('Les abeilles sont nulles');
    const console = ok(await emit<{ pending: ModeratedItemView[] }>(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: forumId } }));
    expect(console.pending.find((item) => item.id === post.id)).toMatchObject({ state: 'visible', pendingEdit: true, pendingExcerpt: 'Les abeilles sont des idiotes.' });

    // A pupil moderator approves first publications only, never an author's change.
    expect(await emit(pupilModerator, 'forum:moderate', { forumId, postId: post.id, action: 'approve' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    // The teacher approves: it goes live, the approved text kept as a revision.
    const live = nextEvent<ForumPostView>(classmate, 'forum:postUpdated', (p) => p.id === post.id && text(p) === 'Les abeilles sont des idiotes.');
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: post.id, action: 'approve' }));
    expect(await live).toMatchObject({ edited: true, pendingBody: null });
    const after = await topicPage(chloe, topic.id);
    expect(after.topic.title).toBe('Les abeilles sont nulles');
    expect(text(after.posts[0])).toBe('Les abeilles sont des idiotes.');
    const revisions = (await world.browsers.teacher.get<{ revisions: ForumRevisionView[] }>(`/api/forums/${forumId}/posts/${post.id}/revisions`)).body.revisions;
    expect(revisions.map((r) => [richTextToPlain(r.previousBody).trim(), r.previousTitle, r.editorId])).toEqual([['Les abeilles font du miel.', 'Mon exposé', world.ids.pupil]]);
  });

  it('keeps the published text when a teacher rejects the change', async () => {
    const lea = await follow(world.browsers.pupil);
    const teacher = await follow(world.browsers.teacher);
    const classmate = await follow(chloe);
    const { topic } = await createTopic(teacher, forumId, 'Sortie au musée', 'Qui vient jeudi ?');
    const answer = await reply(lea, forumId, topic.id, 'Moi !');
    expect(answer.status).toBe('pending');
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: answer.id, action: 'approve' }));
    const changed = await edit(lea, forumId, answer.id, 'Moi, et le musée c’est nul.');
    expect(text(changed)).toBe('Moi !');

    const toClassmate = collect<ForumPostView>(classmate, 'forum:postUpdated');
    const console = ok(await emit<{ pending: ModeratedItemView[] }>(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: forumId } }));
    const item = console.pending.find((each) => each.id === answer.id)!;
    expect(item).toMatchObject({ pendingEdit: true, actions: expect.arrayContaining(['approve', 'reject']) });
    ok(await emit(teacher, 'moderation:act', { kind: 'forumPost', itemId: answer.id, spaceId: forumId, action: 'reject', reasonCode: 'hors_sujet', version: item.version }));
    await settle();
    for (const seen of toClassmate.filter((p) => p.id === answer.id)) expect(text(seen)).toBe('Moi !');
    expect(text((await topicPage(chloe, topic.id)).posts.find((p) => p.id === answer.id))).toBe('Moi !');
    const own = (await topicPage(world.browsers.pupil, topic.id)).posts.find((p) => p.id === answer.id)!;
    expect(own).toMatchObject({ pendingBody: null, edited: false });
  });

  it('holds the pupil moderator’s own posts and changes like everyone’s', async () => {
    const pupilModerator = await follow(world.browsers.pupilModerator);
    const teacher = await follow(world.browsers.teacher);
    const { post } = await createTopic(pupilModerator, forumId, 'Ma question', 'Quand est la kermesse ?');
    expect(post.status).toBe('pending');
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: post.id, action: 'approve' }));
    const changed = await edit(pupilModerator, forumId, post.id, 'Quand est la kermesse ? Et la fête ?');
    expect(text(changed)).toBe('Quand est la kermesse ?');
    expect(changed.pendingBody).not.toBeNull();
  });
});
