import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForumPostView, ForumSearchHit, ForumTopicPage } from '../../../shared/forum/types';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import { richTextToPlain } from '../../../shared/richtext/validate';
import type { Browser } from '../../helpers/http';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { collect, createTopic, edit, emit, following, newForum, nextEvent, ok, reply } from './support';

/** Long enough for a broadcast that should not come to have come. */
const QUIET_MS = 400;
const settle = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));

/**
 * Issue 11, « the personal-information guard is bypassed with one tap »: after the warning, « Envoyer quand
 * même » published a phone number to the whole class and the parents at once, and the teacher's console showed
 * nothing to review. Now a pupil's post (or change) that seems to hold personal information waits for a teacher,
 * pre-moderated forum or not: seen only by its author and the teachers, in « À relire » at once, marked.
 */
describe('the personal-information guard holds a pupil’s post for a teacher', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let chloe: Browser;
  let forumId: string;
  let topicId: string;
  const sockets: Socket[] = [];
  const follow = async (browser: Browser) => {
    const socket = await following(server, browser, forumId);
    sockets.push(socket);
    return socket;
  };
  const topicPage = async (browser: Browser) => {
    const answer = await browser.get<ForumTopicPage>(`/api/forums/${forumId}/topics/${topicId}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const search = async (browser: Browser, q: string) => (await browser.get<{ results: ForumSearchHit[] }>(`/api/forums/${forumId}/search?q=${encodeURIComponent(q)}`)).body.results;
  const act = (socket: Socket, item: { id: string; version: number }, action: string) =>
    emit(socket, 'moderation:act', { kind: 'forumPost', itemId: item.id, spaceId: forumId, action, reasonCode: 'information_personnelle', version: item.version });

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    chloe = await signedIn(server, 'chloe.nguyen');
    forumId = await newForum(world.browsers.teacher, world.classId);
    await designateModerator(world, forumId);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('holds a reply with a phone number from classmates and parents (pages, search, broadcasts) until a teacher approves it', async () => {
    const lea = await follow(world.browsers.pupil);
    const teacher = await follow(world.browsers.teacher);
    const classmate = await follow(chloe);
    const parent = await follow(world.browsers.parent);
    const pupilModerator = await follow(world.browsers.pupilModerator);
    topicId = (await createTopic(teacher, forumId, 'Le week-end', 'Qu’avez-vous fait ce week-end ?')).topic.id;
    ok(await emit(teacher, 'moderation:join', { scope: { kind: 'class', classId: world.classId } }));
    ok(await emit(pupilModerator, 'moderation:join', { scope: { kind: 'space', spaceId: forumId } }));
    const toClassmate = collect<ForumPostView>(classmate, 'forum:post');
    const toParent = collect<ForumPostView>(parent, 'forum:post');
    const inConsole = nextEvent<ModeratedItemView>(teacher, 'moderation:item', (item) => item.kind === 'forumPost' && item.personalInfo);

    // « Envoyer quand même »: the server decides from the text itself.
    const held = await reply(lea, forumId, topicId, 'Appelle-moi au 06 12 34 56 78 pour jouer');
    expect(held).toMatchObject({ status: 'pending', personalInfo: true });
    expect(await inConsole).toMatchObject({ id: held.id, state: 'pending', personalInfo: true, actions: expect.arrayContaining(['approve', 'delete']) });
    const queue = ok(await emit<{ pending: ModeratedItemView[] }>(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: forumId } })).pending;
    expect(queue.find((item) => item.id === held.id)).toMatchObject({ personalInfo: true, state: 'pending' });

    await settle();
    expect(toClassmate.filter((p) => p.id === held.id)).toEqual([]);
    expect(toParent.filter((p) => p.id === held.id)).toEqual([]);
    for (const browser of [chloe, world.browsers.parent]) {
      expect((await topicPage(browser)).posts.map((p) => p.id)).not.toContain(held.id);
      expect(await search(browser, 'appelle')).toEqual([]);
    }
    expect((await topicPage(world.browsers.pupil)).posts.find((p) => p.id === held.id)).toMatchObject({ status: 'pending', personalInfo: true });
    expect((await topicPage(world.browsers.teacher)).posts.find((p) => p.id === held.id)).toMatchObject({ personalInfo: true, pii: ['phone'] });

    // Only a teacher decides: the pupil moderator can neither approve it from the console nor from the forum.
    const item = queue.find((each) => each.id === held.id)!;
    expect(await act(pupilModerator, item, 'approve')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await emit(pupilModerator, 'forum:moderate', { forumId, postId: held.id, action: 'approve' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Nor does the pupil moderator read it: a classmate's personal information is for a teacher.
    expect((await topicPage(world.browsers.pupilModerator)).posts.find((p) => p.id === held.id)).toBeUndefined();

    const published = nextEvent<ForumPostView>(parent, 'forum:post', (p) => p.id === held.id);
    ok(await act(teacher, item, 'approve'));
    expect(await published).toMatchObject({ status: 'published', personalInfo: false });
    expect((await topicPage(chloe)).posts.map((p) => p.id)).toContain(held.id);
  });

  it('lets a teacher delete a held post: nobody else ever saw it', async () => {
    const lea = await follow(world.browsers.pupil);
    const teacher = await follow(world.browsers.teacher);
    const classmate = await follow(chloe);
    const toClassmate = collect<ForumPostView>(classmate, 'forum:post');
    const held = await reply(lea, forumId, topicId, 'Mon adresse : lea.martin@gmail.com');
    expect(held).toMatchObject({ status: 'pending', personalInfo: true });
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: held.id, action: 'delete', reasonCode: 'information_personnelle' }));
    await settle();
    expect(toClassmate.filter((p) => p.id === held.id)).toEqual([]);
    expect((await topicPage(chloe)).posts.map((p) => p.id)).not.toContain(held.id);
    expect((await topicPage(world.browsers.pupil)).posts.find((p) => p.id === held.id)).toMatchObject({ status: 'deleted', body: null });
  });

  it('holds an edit adding personal information: the class keeps reading the published text', async () => {
    const lea = await follow(world.browsers.pupil);
    const teacher = await follow(world.browsers.teacher);
    const classmate = await follow(chloe);
    const post = await reply(lea, forumId, topicId, 'Je suis allée à la piscine.');
    expect(post.status).toBe('published');
    const toClassmate = collect<ForumPostView>(classmate, 'forum:postUpdated');
    const toTeacher = nextEvent<ForumPostView>(teacher, 'forum:postUpdated', (p) => p.id === post.id);
    const edited = await edit(lea, forumId, post.id, 'Je suis allée à la piscine, écris-moi : lea.martin@gmail.com');
    expect(edited).toMatchObject({ status: 'published', personalInfo: true });
    expect(richTextToPlain(edited.body!).trim()).toBe('Je suis allée à la piscine.');
    expect(richTextToPlain(edited.pendingBody!)).toContain('gmail');
    expect(await toTeacher).toMatchObject({ personalInfo: true, actions: expect.arrayContaining(['approve', 'reject']) });
    await settle();
    for (const seen of toClassmate.filter((p) => p.id === post.id)) expect(JSON.stringify(seen)).not.toContain('gmail');
    const classmateView = (await topicPage(chloe)).posts.find((p) => p.id === post.id)!;
    expect(classmateView).toMatchObject({ pendingBody: null, personalInfo: false });
    expect(richTextToPlain(classmateView.body!).trim()).toBe('Je suis allée à la piscine.');
    expect(await search(chloe, 'gmail')).toEqual([]);
  });
});
