import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORUM_POSTS_PAGE_SIZE } from '../../../shared/forum/limits';
import { DEFAULT_FORUM_RULES } from '../../../shared/forum/settings';
import type { ForumPostView, ForumRevisionView, ForumSearchHit, ForumTopicPage, ForumTopicsPage, ForumTopicView } from '../../../shared/forum/types';
import { richTextToPlain } from '../../../shared/richtext/validate';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { ageDocument, auditItems, auditTotal, createTopic, doc, emit, following, newForum, nextEvent, ok, reply, FORUM_TEST_SERVER } from './support';

describe('forums', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let chloe: Browser;
  let forumId: string;
  const sockets: Socket[] = [];
  const follow = async (browser: Browser, id = forumId) => {
    const socket = await following(server, browser, id);
    sockets.push(socket);
    return socket;
  };
  const page = async <T>(browser: Browser, path: string) => {
    const answer = await browser.get<T>(path);
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`);
    return answer.body;
  };
  beforeAll(async () => {
    server = await startServer(FORUM_TEST_SERVER);
    world = await personaWorld(server);
    chloe = await signedIn(server, 'chloe.nguyen');
    forumId = await newForum(world.browsers.teacher, world.classId);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('has the rules of civility, spelling and personal information by default', async () => {
    const space = await page<SpaceSummary>(world.browsers.pupil, `/api/spaces/${forumId}`);
    expect(space.settings).toMatchObject({ editWindowMinutes: 30, preModeration: false, rules: DEFAULT_FORUM_RULES });
    expect(DEFAULT_FORUM_RULES).toMatch(/poli/);
    expect(DEFAULT_FORUM_RULES).toMatch(/orthographe/);
    expect(DEFAULT_FORUM_RULES).toMatch(/information personnelle/);
  });

  it('shows new topics and replies live, with quotes', async () => {
    const lea = await follow(world.browsers.pupil);
    const parent = await follow(world.browsers.parent);
    const topicSeen = nextEvent<ForumTopicView>(parent, 'forum:topic');
    const { topic, post } = await createTopic(lea, forumId, 'Les volcans', 'Qui connaît le Vésuve ?');
    expect((await topicSeen).id).toBe(topic.id);
    const replySeen = nextEvent<ForumPostView>(lea, 'forum:post', (p) => p.topicId === topic.id && p.seq === 2);
    const chloeSocket = await follow(chloe);
    const answer = await reply(chloeSocket, forumId, topic.id, 'Il est en Italie, près de Naples.', post.id);
    expect((await replySeen).id).toBe(answer.id);
    expect(answer.quote).toMatchObject({ postId: post.id, seq: 1, authorName: 'Léa Martin', excerpt: 'Qui connaît le Vésuve ?' });
    const view = await page<ForumTopicPage>(world.browsers.parent, `/api/forums/${forumId}/topics/${topic.id}`);
    expect(view.posts.map((p) => p.seq)).toEqual([1, 2]);
    expect(richTextToPlain(view.posts[1]!.body!)).toContain('Naples');
  });

  it('validates rich text against the editor’s schema', async () => {
    const lea = await follow(world.browsers.pupil);
    const evil = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'clic', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] };
    expect(await emit(lea, 'forum:createTopic', { forumId, key: crypto.randomUUID(), title: 'Piège', body: evil })).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await emit(lea, 'forum:createTopic', { forumId, key: crypto.randomUUID(), title: 'Vide', body: doc('') })).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await emit(lea, 'forum:createTopic', { forumId, key: crypto.randomUUID(), title: 'Script', body: { type: 'doc', content: [{ type: 'script' }] } })).toMatchObject({ ok: false, code: 'VALIDATION' });
  });

  it('lets the author edit within the window and refuses after it; a moderator’s edit keeps a revision the moderator sees', async () => {
    const lea = await follow(world.browsers.pupil);
    const teacher = await follow(world.browsers.teacher);
    const { topic, post } = await createTopic(lea, forumId, 'Mon exposé', 'Brouillon');
    const first = ok(await emit<{ post: ForumPostView }>(lea, 'forum:edit', { forumId, postId: post.id, body: doc('Version relue'), title: 'Mon exposé sur les abeilles' })).post;
    expect(first).toMatchObject({ edited: true, revisionCount: 0 });

    await ageDocument(server, 'forum_posts', post.id, 31 * 60_000);
    const late = await emit(lea, 'forum:edit', { forumId, postId: post.id, body: doc('Trop tard') });
    expect(late).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(late.ok ? '' : late.message).toMatch(/edit window/);

    const seenByPupil = nextEvent<ForumPostView>(lea, 'forum:postUpdated', (p) => p.id === post.id);
    const byTeacher = ok(await emit<{ post: ForumPostView }>(teacher, 'forum:edit', { forumId, postId: post.id, body: doc('Corrigé par la maîtresse') })).post;
    expect(byTeacher).toMatchObject({ edited: true, revisionCount: 2 });
    expect(await seenByPupil).toMatchObject({ edited: true, revisionCount: 0 });
    const revisions = (await page<{ revisions: ForumRevisionView[] }>(world.browsers.teacher, `/api/forums/${forumId}/posts/${post.id}/revisions`)).revisions;
    expect(revisions.map((r) => richTextToPlain(r.previousBody).trim())).toEqual(['Version relue', 'Brouillon']);
    expect(revisions[0]).toMatchObject({ editorId: world.ids.teacher, editorName: 'Claire Fontaine', previousTitle: null });
    expect(revisions[1]).toMatchObject({ editorId: world.ids.pupil, previousTitle: 'Mon exposé' });
    expect((await world.browsers.pupil.get(`/api/forums/${forumId}/posts/${post.id}/revisions`)).status).toBe(403);
    const view = await page<ForumTopicPage>(world.browsers.parent, `/api/forums/${forumId}/topics/${topic.id}`);
    expect(view.topic.title).toBe('Mon exposé sur les abeilles');
    expect(view.posts[0]).toMatchObject({ edited: true, revisionCount: 0 });
  });

  it('answers a pupil’s raw emit to edit another pupil’s post with FORBIDDEN, and audits the denial', async () => {
    const lea = await follow(world.browsers.pupil);
    const other = await follow(chloe);
    const { post } = await createTopic(lea, forumId, 'Ma poésie', 'Le chat dort.');
    const before = await auditTotal(world.browsers.director, 'event=access.denied');
    expect(await emit(other, 'forum:edit', { forumId, postId: post.id, body: doc('Piraté !') })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 1);
    const denials = await auditItems<{ reason: string; target: { id: string }; actor: { userId: string } }>(world.browsers.director, 'event=access.denied');
    expect(denials[0]).toMatchObject({ target: { id: post.id }, actor: { userId: (await chloe.get<{ user: { id: string } }>('/api/me')).body.user.id } });
    // Someone else's post is a moderation `edit`, asked on the post itself at the edge.
    expect(denials[0]!.reason).toMatch(/forum:edit \(edit item\)/);
    const stored = await page<ForumTopicPage>(world.browsers.pupil, `/api/forums/${forumId}/topics/${post.topicId}`);
    expect(richTextToPlain(stored.posts[0]!.body!)).toContain('Le chat dort.');
  });

  it('shows removed posts as removed to pupils and parents, originals to moderators, and hides quotes of them', async () => {
    const lea = await follow(world.browsers.pupil);
    const teacher = await follow(world.browsers.teacher);
    const parentSocket = await follow(world.browsers.parent);
    const { topic, post } = await createTopic(lea, forumId, 'Débat', 'Un avis blessant');
    const quoting = await reply(teacher, forumId, topic.id, 'Restons polis.', post.id);
    const toParent = nextEvent<ForumPostView>(parentSocket, 'forum:postUpdated', (p) => p.id === post.id);
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: post.id, action: 'delete' }));
    expect(await toParent).toMatchObject({ status: 'deleted', body: null });
    const parentView = await page<ForumTopicPage>(world.browsers.parent, `/api/forums/${forumId}/topics/${topic.id}`);
    expect(parentView.posts.find((p) => p.id === post.id)).toMatchObject({ status: 'deleted', body: null });
    expect(parentView.posts.find((p) => p.id === quoting.id)!.quote).toMatchObject({ postId: post.id, excerpt: null });
    const teacherView = await page<ForumTopicPage>(world.browsers.teacher, `/api/forums/${forumId}/topics/${topic.id}`);
    expect(richTextToPlain(teacherView.posts.find((p) => p.id === post.id)!.body!)).toContain('Un avis blessant');
    expect(teacherView.posts.find((p) => p.id === quoting.id)!.quote!.excerpt).toBe('Un avis blessant');
  });

  it('pins, locks and closes topics: pinned first, no pupil replies once locked or closed', async () => {
    const lea = await follow(world.browsers.pupil);
    const teacher = await follow(world.browsers.teacher);
    const { topic } = await createTopic(lea, forumId, 'À épingler', 'Consignes');
    ok(await emit(teacher, 'forum:topic', { forumId, topicId: topic.id, pinned: true }));
    await createTopic(lea, forumId, 'Plus récent', 'Après');
    const list = await page<ForumTopicsPage>(world.browsers.pupil, `/api/forums/${forumId}/topics`);
    expect(list.topics[0]).toMatchObject({ id: topic.id, pinned: true });
    for (const change of [{ locked: true }, { locked: false, closed: true }]) {
      ok(await emit(teacher, 'forum:topic', { forumId, topicId: topic.id, ...change }));
      expect(await emit(lea, 'forum:reply', { forumId, topicId: topic.id, key: crypto.randomUUID(), body: doc('Moi aussi') })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect((await reply(teacher, forumId, topic.id, 'Le sujet est clos.')).seq).toBeGreaterThan(1);
    }
    expect(await emit(lea, 'forum:topic', { forumId, topicId: topic.id, closed: false })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('marks unread topics and moves the marker as the pupil reads', async () => {
    const lea = await follow(world.browsers.pupil);
    const other = await follow(chloe);
    const { topic } = await createTopic(lea, forumId, 'Lecture suivie', 'Chapitre 1');
    const unread = (await page<ForumTopicsPage>(chloe, `/api/forums/${forumId}/topics`)).topics.find((t) => t.id === topic.id)!;
    expect(unread.lastSeq).toBeGreaterThan(unread.lastReadSeq);
    expect(ok(await emit<{ lastReadSeq: number }>(other, 'forum:markRead', { forumId, topicId: topic.id, seq: unread.lastSeq }))).toEqual({ lastReadSeq: 1 });
    expect(ok(await emit<{ lastReadSeq: number }>(other, 'forum:markRead', { forumId, topicId: topic.id, seq: 0 }))).toEqual({ lastReadSeq: 1 });
    const read = (await page<ForumTopicsPage>(chloe, `/api/forums/${forumId}/topics`)).topics.find((t) => t.id === topic.id)!;
    expect(read.lastReadSeq).toBe(read.lastSeq);
    await reply(lea, forumId, topic.id, 'Chapitre 2');
    const again = (await page<ForumTopicsPage>(chloe, `/api/forums/${forumId}/topics`)).topics.find((t) => t.id === topic.id)!;
    expect(again.lastSeq).toBeGreaterThan(again.lastReadSeq);
  });

  it('paginates a long topic and points at the first unread page', async () => {
    const teacher = await follow(world.browsers.teacher);
    const director = await follow(world.browsers.director);
    const { topic } = await createTopic(teacher, forumId, 'Long sujet', 'Message 1');
    for (let i = 2; i <= FORUM_POSTS_PAGE_SIZE + 5; i += 1) {
      const socket = i % 2 === 0 ? director : teacher;
      ok(await emit(socket, 'forum:reply', { forumId, topicId: topic.id, key: crypto.randomUUID(), body: doc(`Message ${i}`) }));
    }
    const second = await page<ForumTopicPage>(world.browsers.pupil, `/api/forums/${forumId}/topics/${topic.id}?page=2`);
    expect(second.total).toBe(FORUM_POSTS_PAGE_SIZE + 5);
    expect(second.posts.map((p) => p.seq)).toEqual([21, 22, 23, 24, 25]);
    expect(second.firstUnreadPage).toBe(1);
    const lea = await follow(world.browsers.pupil);
    ok(await emit(lea, 'forum:markRead', { forumId, topicId: topic.id, seq: FORUM_POSTS_PAGE_SIZE + 2 }));
    expect((await page<ForumTopicPage>(world.browsers.pupil, `/api/forums/${forumId}/topics/${topic.id}`)).firstUnreadPage).toBe(2);
  }, 60_000);

  it('searches without case or accents, and never returns removed posts to pupils', async () => {
    const lea = await follow(world.browsers.pupil);
    const teacher = await follow(world.browsers.teacher);
    const { post } = await createTopic(lea, forumId, 'Sortie scolaire', 'Nous irons voir les ÉLÉPHANTS au zoo');
    const hidden = await reply(lea, forumId, post.topicId, 'Les éléphants sont des idiots');
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: hidden.id, action: 'hide' }));
    const search = async (browser: Browser, q: string) => (await page<{ results: ForumSearchHit[] }>(browser, `/api/forums/${forumId}/search?q=${encodeURIComponent(q)}`)).results;
    expect((await search(world.browsers.parent, 'elephants')).map((hit) => hit.postId)).toEqual([post.id]);
    expect((await search(world.browsers.parent, 'Sortie SCOLAIRE')).map((hit) => hit.postId)).toEqual([post.id]);
    expect((await search(world.browsers.teacher, 'éléphants')).map((hit) => hit.postId).sort()).toEqual([post.id, hidden.id].sort());
    expect(await search(world.browsers.pupil, 'girafe')).toEqual([]);
    expect((await search(world.browsers.pupil, '.*')).length).toBe(0);
    expect((await world.browsers.pupil.get(`/api/forums/${forumId}/search?q=a`)).status).toBe(400);
  });

  it('holds pupils’ topics for approval under pre-moderation', async () => {
    const moderated = await newForum(world.browsers.teacher, world.classId, { preModeration: true });
    const lea = await follow(world.browsers.pupil, moderated);
    const other = await follow(chloe, moderated);
    const teacher = await follow(world.browsers.teacher, moderated);
    const seenByOther: ForumTopicView[] = [];
    other.on('forum:topic', (topic: ForumTopicView) => seenByOther.push(topic));
    const { topic, post } = await createTopic(lea, moderated, 'Question', 'Peut-on apporter un goûter ?');
    expect(topic.status).toBe('pending');
    expect((await page<ForumTopicsPage>(chloe, `/api/forums/${moderated}/topics`)).topics).toHaveLength(0);
    expect((await page<ForumTopicsPage>(world.browsers.pupil, `/api/forums/${moderated}/topics`)).topics).toHaveLength(1);
    expect((await chloe.get(`/api/forums/${moderated}/topics/${topic.id}`)).status).toBe(404);
    const published = nextEvent<ForumTopicView>(other, 'forum:topic', (t) => t.id === topic.id);
    ok(await emit(teacher, 'forum:moderate', { forumId: moderated, postId: post.id, action: 'approve' }));
    expect(await published).toMatchObject({ status: 'published', postCount: 1 });
    expect(seenByOther.filter((t) => t.status === 'pending')).toHaveLength(0);
    expect((await page<ForumTopicsPage>(chloe, `/api/forums/${moderated}/topics`)).topics).toHaveLength(1);
  });

  it('flags personal information in a post for moderators, holds a pupil’s post for a teacher, and audits the flag', async () => {
    const lea = await follow(world.browsers.pupil);
    const teacher = await follow(world.browsers.teacher);
    const toTeacher = nextEvent<ForumPostView>(teacher, 'forum:post', (p) => p.pii.length > 0);
    const { topic, post } = await createTopic(lea, forumId, 'Mon anniversaire', 'Venez au 12 rue des Lilas, appelez le 06 12 34 56 78');
    // The pupil is told it waits for a teacher (not which kinds: that is the moderators' flag).
    expect(post).toMatchObject({ pii: [], status: 'pending', personalInfo: true });
    expect(topic.status).toBe('pending');
    expect(await toTeacher).toMatchObject({ pii: ['address', 'phone'], personalInfo: true, status: 'pending' });
    const entries = await auditItems(world.browsers.director, `event=forum.topic_created&spaceId=${forumId}`);
    expect(entries.find((entry) => entry.target.id === post.topicId)?.reason).toBe('personal information: address, phone');
  });

  it('returns the stored topic or reply when the same key is sent again', async () => {
    const lea = await follow(world.browsers.pupil);
    const key = crypto.randomUUID();
    const payload = { forumId, key, title: 'Une seule fois', body: doc('Bonjour') };
    const [a, b] = await Promise.all([emit<{ topic: ForumTopicView }>(lea, 'forum:createTopic', payload), emit<{ topic: ForumTopicView }>(lea, 'forum:createTopic', payload)]);
    expect(ok(a).topic.id).toBe(ok(b).topic.id);
    const replyKey = crypto.randomUUID();
    const replyPayload = { forumId, topicId: ok(a).topic.id, key: replyKey, body: doc('Réponse') };
    const [r1, r2] = await Promise.all([emit<{ post: ForumPostView }>(lea, 'forum:reply', replyPayload), emit<{ post: ForumPostView }>(lea, 'forum:reply', replyPayload)]);
    expect(ok(r1).post.id).toBe(ok(r2).post.id);
    const view = await page<ForumTopicPage>(world.browsers.pupil, `/api/forums/${forumId}/topics/${ok(a).topic.id}`);
    expect(view.posts).toHaveLength(2);
    expect(view.topic.postCount).toBe(2);
  });
});
