import type { Socket } from 'socket.io-client';
import type { ForumPostView, ForumTopicView } from '../../../shared/forum/types';
import { plainToRichText } from '../../../shared/richtext/validate';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { Browser } from '../../helpers/http';
import type { TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { openTestStore } from '../../helpers/store';
import { emit, ok } from '../chat/support';

export { ageDocument, auditItems, auditTotal, collect, emit, nextEvent, ok } from '../chat/support';

export const doc = plainToRichText;

/** A forum of the class, created by its teacher. */
export async function newForum(teacher: Browser, classId: string, settings: Record<string, unknown> = {}): Promise<string> {
  const answer = await teacher.post<SpaceSummary>('/api/spaces', { kind: 'forum', title: 'Forum de la classe', scope: { kind: 'class', classId }, settings });
  if (answer.status !== 201) throw new Error(`forum creation failed: ${answer.status}`);
  return answer.body.id;
}

/** A socket following the forum live (`space:join` then `forum:join`). */
export async function following(server: TestServer, browser: Browser, forumId: string): Promise<Socket> {
  const socket = await openSocket(server, browser);
  ok(await emit(socket, 'space:join', { spaceId: forumId }));
  ok(await emit(socket, 'forum:join', { forumId }));
  return socket;
}

/**
 * The server options of forum tests: they post far faster than children, so the per-user flood control
 * (`forumWrite`, tested in `tests/integration/platform/rate-limits.test.ts`) is raised rather than waited for.
 */
export const FORUM_TEST_SERVER = { env: { RATE_LIMITS: JSON.stringify({ forumWrite: { points: 100_000, durationSeconds: 60 } }) } };

export async function createTopic(socket: Socket, forumId: string, title: string, text: string): Promise<{ topic: ForumTopicView; post: ForumPostView }> {
  return ok(await emit<{ topic: ForumTopicView; post: ForumPostView }>(socket, 'forum:createTopic', { forumId, key: crypto.randomUUID(), title, body: doc(text) }));
}

export async function reply(socket: Socket, forumId: string, topicId: string, text: string, quotePostId?: string): Promise<ForumPostView> {
  const payload = { forumId, topicId, key: crypto.randomUUID(), body: doc(text), ...(quotePostId ? { quotePostId } : {}) };
  return ok(await emit<{ post: ForumPostView }>(socket, 'forum:reply', payload)).post;
}

export async function edit(socket: Socket, forumId: string, postId: string, text: string, title?: string): Promise<ForumPostView> {
  return ok(await emit<{ post: ForumPostView }>(socket, 'forum:edit', { forumId, postId, body: doc(text), ...(title ? { title } : {}) })).post;
}

/**
 * Every stored document of a collection, read from the server's own store through the port (as `ageDocument` writes it):
 * what a test checks no copy of removed text survives in.
 */
export async function storedDocuments(server: TestServer, collection: string): Promise<Record<string, unknown>[]> {
  const store = await openTestStore(server.dataDir);
  try {
    return await store.collection<{ _id: string }>(collection).find({});
  } finally {
    await store.close();
  }
}
