import { AppError } from '../../../shared/errors';
import { forumMeOf, isForumConfigurer, isForumModerator, type ForumFacts } from '../../../shared/forum/policy';
import { forumSettingsOf } from '../../../shared/forum/settings';
import type { ForumMe } from '../../../shared/forum/types';
import type { Actor } from '../../../shared/policy/actor';
import type { ServerContext } from '../../context';
import { mutedUntil } from '../moderation/mutes';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { forumCollections, type ForumPostDoc, type ForumTopicDoc } from './model';
import { readsTopic, type ForumViewer } from './views';

/** The forum's facts for its per-item rules, from the space the edge loaded (never reloaded). */
export function forumFacts(space: SpaceDoc): ForumFacts {
  return { resource: spaceResource(space), settings: forumSettingsOf(space.settings) };
}

/** What the viewer may do in the forum, and until when a moderator muted them in it. */
export async function forumMe(ctx: ServerContext, actor: Actor | null, forum: SpaceDoc): Promise<ForumMe> {
  return { ...forumMeOf(actor, spaceResource(forum)), mutedUntil: actor ? await mutedUntil(ctx, forum._id, actor.userId) : null };
}

/** The viewer of a page or an answer: a moderator of the forum (one who runs it, or a pupil moderator), or anyone else. */
export function forumViewer(actor: Actor, forum: SpaceDoc): ForumViewer {
  const facts = forumFacts(forum);
  return { actor, userId: actor.userId, moderator: isForumModerator(actor, facts), runs: isForumConfigurer(actor, facts) };
}

/** The opening posts of these topics, by topic id (one read). */
export async function openingPosts(ctx: ServerContext, topics: readonly ForumTopicDoc[]): Promise<Map<string, ForumPostDoc>> {
  const held = topics.filter((topic) => topic.status !== 'published');
  if (held.length === 0) return new Map();
  const posts = await (await forumCollections(ctx.store)).posts.find({ topicId: { $in: held.map((topic) => topic._id) }, seq: 1 });
  return new Map(posts.map((post) => [post.topicId, post]));
}

/** Whether a viewer reads this topic now (its opening post read when the topic is not published). */
export async function topicReadable(ctx: ServerContext, actor: Actor | null, forum: SpaceDoc, topic: ForumTopicDoc): Promise<boolean> {
  return readsTopic(actor, forum, topic, (await openingPosts(ctx, [topic])).get(topic._id) ?? null);
}

/** The topics of a list a viewer reads (asked per topic, the opening posts read at once). */
export async function readableTopics(ctx: ServerContext, actor: Actor | null, forum: SpaceDoc, topics: readonly ForumTopicDoc[]): Promise<ForumTopicDoc[]> {
  const openings = await openingPosts(ctx, topics);
  return topics.filter((topic) => readsTopic(actor, forum, topic, openings.get(topic._id) ?? null));
}

/**
 * Whether a user reads a topic outside moderation, knowing only who they are (the console's `readableBy`): published,
 * or their own waiting for review.
 */
export function topicPublicFor(topic: ForumTopicDoc, userId: string): boolean {
  return topic.status === 'published' || (topic.status === 'pending' && topic.authorId === userId);
}

/** Loads a topic of the forum that the viewer reads (NOT_FOUND otherwise, without telling it exists). */
export async function loadTopic(ctx: ServerContext, forum: SpaceDoc, topicId: string, actor: Actor): Promise<ForumTopicDoc> {
  const topic = await (await forumCollections(ctx.store)).topics.findOne({ _id: topicId, forumId: forum._id });
  if (!topic || !(await topicReadable(ctx, actor, forum, topic))) throw new AppError('NOT_FOUND', 'Topic not found');
  return topic;
}

/** Loads a post of the forum with its topic (NOT_FOUND otherwise). */
export async function loadPostAndTopic(ctx: ServerContext, forum: SpaceDoc, postId: string): Promise<{ post: ForumPostDoc; topic: ForumTopicDoc }> {
  const { posts, topics } = await forumCollections(ctx.store);
  const post = await posts.findOne({ _id: postId, forumId: forum._id });
  const topic = post ? await topics.findOne({ _id: post.topicId }) : null;
  if (!post || !topic) throw new AppError('NOT_FOUND', 'Post not found');
  return { post, topic };
}
