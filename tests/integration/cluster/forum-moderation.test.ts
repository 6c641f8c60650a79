import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChatMessageView } from '../../../shared/chat/types';
import type { ForumPostView, ForumTopicView } from '../../../shared/forum/types';
import { plainToRichText } from '../../../shared/richtext/validate';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { useTestCluster } from '../../helpers/cluster';
import type { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { collect, nextEvent, openSocket, signedIn } from '../../helpers/sockets';
import { emit } from './support';

/**
 * Live events across nodes, continued (live-events.test.ts has the chat message and the wall card): a forum post
 * and moderation actions made on node 1 reach the clients of nodes 2 and 3, and only those who may read them: a
 * parent connected to another node, outside the class chat, receives nothing of it.
 */
const WATCHERS = ['chloe.nguyen', PERSONA_LOGINS.pupilModerator] as const;

describeRedis('forum posts and moderation across three nodes', () => {
  const cluster = useTestCluster({
    nodes: 3,
    env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: 100_000, durationSeconds: 60 }, forumWrite: { points: 100_000, durationSeconds: 60 } }) },
  });
  const sockets: Socket[] = [];
  let teacher: Browser;
  let classId: string;

  /** `login` signed in and connected on node `node` (0-based). */
  async function connected(login: string, node: number): Promise<Socket> {
    const target = cluster().nodes[node]!;
    const socket = await openSocket(target, await signedIn(target, login));
    sockets.push(socket);
    return socket;
  }
  /** The author on node 1, a watcher on node 2 and one on node 3, each joined to the space. */
  async function spread(join: (socket: Socket) => Promise<void>): Promise<{ author: Socket; watchers: Socket[] }> {
    const author = await connected(PERSONA_LOGINS.pupil, 0);
    const watchers = await Promise.all(WATCHERS.map((login, i) => connected(login, i + 1)));
    for (const socket of [author, ...watchers]) await join(socket);
    return { author, watchers };
  }

  beforeAll(async () => {
    teacher = await signedIn(cluster().nodes[0]!, PERSONA_LOGINS.teacher);
    classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('a forum topic and a reply posted on node 1 reach classmates on nodes 2 and 3, and a post hidden on node 1 disappears there', async () => {
    const forum = await teacher.post<SpaceSummary>('/api/spaces', { kind: 'forum', title: 'Forum de la classe', scope: { kind: 'class', classId } });
    expect(forum.status).toBe(201);
    const forumId = forum.body.id;
    const join = async (socket: Socket): Promise<void> => {
      await emit(socket, 'space:join', { spaceId: forumId });
      await emit(socket, 'forum:join', { forumId });
    };
    const { author, watchers } = await spread(join);
    const topicsSeen = watchers.map((socket) => nextEvent<ForumTopicView>(socket, 'forum:topic', (topic) => topic.title === 'Les volcans', 10_000));
    const { topic } = await emit<{ topic: ForumTopicView; post: ForumPostView }>(author, 'forum:createTopic', {
      forumId,
      key: crypto.randomUUID(),
      title: 'Les volcans',
      body: plainToRichText('Qui connaît le Vésuve ?'),
    });
    for (const seen of await Promise.all(topicsSeen)) expect(seen.id).toBe(topic.id);

    const repliesSeen = watchers.map((socket) => nextEvent<ForumPostView>(socket, 'forum:post', (post) => post.topicId === topic.id && post.seq === 2, 10_000));
    const { post } = await emit<{ post: ForumPostView }>(author, 'forum:reply', { forumId, topicId: topic.id, key: crypto.randomUUID(), body: plainToRichText('Il est près de Naples.') });
    for (const seen of await Promise.all(repliesSeen)) expect(seen).toMatchObject({ id: post.id, seq: 2 });

    // The teacher moderates on node 1: the post is hidden for the pupils on nodes 2 and 3 (no text left).
    const moderator = await connected(PERSONA_LOGINS.teacher, 0);
    await join(moderator);
    const hiddenSeen = watchers.map((socket) => nextEvent<ForumPostView>(socket, 'forum:postUpdated', (updated) => updated.id === post.id, 10_000));
    await emit(moderator, 'forum:moderate', { forumId, postId: post.id, action: 'hide', reasonCode: 'insulte' });
    for (const seen of await Promise.all(hiddenSeen)) expect(seen).toMatchObject({ id: post.id, status: 'hidden', body: null });
  });

  it('a chat message hidden by the teacher on node 1 disappears for pupils on nodes 2 and 3; a parent on node 2 never receives it', async () => {
    const room = await teacher.post<{ id: string }>(`/api/chat/classes/${classId}/room`);
    expect([200, 201]).toContain(room.status);
    const roomId = room.body.id;
    const join = async (socket: Socket): Promise<void> => {
      await emit(socket, 'space:join', { spaceId: roomId });
      await emit(socket, 'chat:join', { roomId });
    };
    // The class chat is closed to parents: this parent's socket, on node 2, may not join it.
    const parent = await connected(PERSONA_LOGINS.parent, 1);
    const parentUpdates = collect<ChatMessageView>(parent, 'chat:updated');
    const parentMessages = collect<ChatMessageView>(parent, 'chat:message');
    expect(await parent.timeout(10_000).emitWithAck('space:join', { spaceId: roomId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const { author, watchers } = await spread(join);
    const body = 'Un message méchant';
    const messagesSeen = watchers.map((socket) => nextEvent<ChatMessageView>(socket, 'chat:message', (message) => message.body === body, 10_000));
    const { message } = await emit<{ message: ChatMessageView }>(author, 'chat:send', { roomId, key: crypto.randomUUID(), body });
    await Promise.all(messagesSeen);

    const moderator = await connected(PERSONA_LOGINS.teacher, 0);
    await join(moderator);
    const hiddenSeen = watchers.map((socket) => nextEvent<ChatMessageView>(socket, 'chat:updated', (updated) => updated.id === message.id, 10_000));
    await emit(moderator, 'chat:moderate', { roomId, messageId: message.id, action: 'hide', reasonCode: 'insulte' });
    for (const seen of await Promise.all(hiddenSeen)) expect(seen).toMatchObject({ id: message.id, status: 'hidden', removedBy: 'moderator', body: null });

    // A later message, sent on node 1 and seen on node 2 by a pupil, orders the check: the parent heard nothing before it either.
    const after = nextEvent<ChatMessageView>(watchers[0]!, 'chat:message', (later) => later.body === 'Après', 10_000);
    await emit(author, 'chat:send', { roomId, key: crypto.randomUUID(), body: 'Après' });
    await after;
    expect(parentMessages).toEqual([]);
    expect(parentUpdates).toEqual([]);
  });
});
