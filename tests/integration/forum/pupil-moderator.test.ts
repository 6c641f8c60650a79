import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForumPostView, ForumTopicPage } from '../../../shared/forum/types';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import type { Browser } from '../../helpers/http';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { auditTotal, emit, following, newForum, ok, reply, createTopic } from './support';

/**
 * Issue 11, « a pupil moderator re-publishes what a teacher removed »: `moderation:act {action:'approve'}` worked
 * on forum posts a teacher hid or deleted, and on the pupil moderator's own pending post. A pupil moderator now
 * approves only someone else's first publication, from the console and from the forum's buttons alike; every
 * refusal is FORBIDDEN at the edge, audited once.
 */
describe('a pupil moderator cannot re-publish what a teacher removed, nor their own post', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let chloe: Browser;
  let forumId: string;
  let topicId: string;
  let teacher: Socket;
  let lea: Socket;
  let classmate: Socket;
  let yanis: Socket;
  const sockets: Socket[] = [];

  /** The console's view of a post (its version and the actions the policy table gives this moderator). */
  const inConsole = async (socket: Socket, postId: string) =>
    ok(await emit<{ item: ModeratedItemView }>(socket, 'moderation:read', { kind: 'forumPost', itemId: postId, spaceId: forumId })).item;
  const act = async (socket: Socket, postId: string, action: string) => {
    const { version } = await inConsole(teacher, postId);
    return emit(socket, 'moderation:act', { kind: 'forumPost', itemId: postId, spaceId: forumId, action, reasonCode: 'autre', version });
  };
  /** Both ways a pupil moderator may try: the console and the forum's own buttons, each refused and audited. */
  async function refusedBothWays(postId: string, action: 'approve' | 'restore'): Promise<void> {
    const before = await auditTotal(world.browsers.director, 'event=access.denied');
    expect(await act(yanis, postId, action), `moderation:act ${action}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await emit(yanis, 'forum:moderate', { forumId, postId, action }), `forum:moderate ${action}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 2);
  }
  const statusFor = async (browser: Browser, postId: string) =>
    (await browser.get<ForumTopicPage>(`/api/forums/${forumId}/topics/${topicId}`)).body.posts.find((post) => post.id === postId);

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    chloe = await signedIn(server, 'chloe.nguyen');
    forumId = await newForum(world.browsers.teacher, world.classId, { preModeration: true });
    await designateModerator(world, forumId);
    teacher = await following(server, world.browsers.teacher, forumId);
    lea = await following(server, world.browsers.pupil, forumId);
    classmate = await following(server, chloe, forumId);
    yanis = await following(server, world.browsers.pupilModerator, forumId);
    sockets.push(teacher, lea, classmate, yanis);
    ok(await emit(yanis, 'moderation:join', { scope: { kind: 'space', spaceId: forumId } }));
    topicId = (await createTopic(teacher, forumId, 'Nos lectures', 'Quel livre avez-vous aimé ?')).topic.id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('approves a classmate’s first publication (what pupil moderators are for)', async () => {
    const post = await reply(lea, forumId, topicId, 'J’ai aimé Le Petit Prince.');
    expect(post.status).toBe('pending');
    expect((await inConsole(yanis, post.id)).actions).toEqual(expect.arrayContaining(['approve']));
    ok(await emit(yanis, 'forum:moderate', { forumId, postId: post.id, action: 'approve' }));
    expect(await statusFor(chloe, post.id)).toMatchObject({ status: 'published' });
  });

  it('refuses to approve or restore a post a teacher hid', async () => {
    const post = await reply(lea, forumId, topicId, 'Le livre de Chloé est nul, comme elle.');
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: post.id, action: 'approve' }));
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: post.id, action: 'hide', reasonCode: 'insulte' }));
    // What a teacher hid is no longer the pupil moderator's to read: not found, as for a classmate.
    expect(await emit(yanis, 'moderation:read', { kind: 'forumPost', itemId: post.id, spaceId: forumId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await refusedBothWays(post.id, 'approve');
    await refusedBothWays(post.id, 'restore');
    expect(await statusFor(chloe, post.id)).toMatchObject({ status: 'hidden', body: null });
  });

  it('refuses to approve a pending post a teacher deleted, even once the teacher restored it to review', async () => {
    const post = await reply(lea, forumId, topicId, 'Mon cousin a un livre de gros mots.');
    expect(post.status).toBe('pending');
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: post.id, action: 'delete', reasonCode: 'contenu_choquant' }));
    await refusedBothWays(post.id, 'approve');
    expect(await statusFor(world.browsers.pupil, post.id)).toMatchObject({ status: 'deleted', body: null });
    // Restored by the teacher, it waits for review again: a teacher's decision now, no longer a first review.
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: post.id, action: 'restore', reasonCode: 'erreur' }));
    expect(await statusFor(world.browsers.pupil, post.id)).toMatchObject({ status: 'pending' });
    await refusedBothWays(post.id, 'approve');
    expect(await statusFor(chloe, post.id)).toBeUndefined();
  });

  it('refuses to approve the pupil moderator’s own pending post', async () => {
    const own = await reply(yanis, forumId, topicId, 'Moi j’ai aimé Harry Potter.');
    expect(own).toMatchObject({ status: 'pending', actions: [] } satisfies Partial<ForumPostView>);
    await refusedBothWays(own.id, 'approve');
    expect(await statusFor(chloe, own.id)).toBeUndefined();
    ok(await emit(teacher, 'forum:moderate', { forumId, postId: own.id, action: 'approve' }));
    expect(await statusFor(chloe, own.id)).toMatchObject({ status: 'published' });
  });
});
