import { AppError } from '../../../shared/errors';
import { forumMeOf, isForumConfigurer, isForumModerator, type ForumFacts } from '../../../shared/forum/policy';
import { forumSettingsOf } from '../../../shared/forum/settings';
import type { ForumMe } from '../../../shared/forum/types';
import type { Actor } from '../../../shared/policy/actor';
import type { ServerContext } from '../../context';
import { mutedUntil } from '../moderation/mutes';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { forumCollections, type ForumPostDoc, type ForumTopicDoc } from './model';
import type { ForumViewer } from './views';

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

/**
 * Whether a viewer sees a topic: published ones for all; pending ones for their author and the moderators (a
 * pupil moderator approves first publications); hidden ones (a teacher hid them) for those who run the forum only.
 */
export function topicVisible(topic: ForumTopicDoc, viewerId: string, moderator: boolean, runs = moderator): boolean {
  return runs || topic.status === 'published' || (topic.status === 'pending' && (moderator || topic.authorId === viewerId));
}

/** Loads a topic of the forum that the viewer may see (NOT_FOUND otherwise, without telling it exists). */
export async function loadTopic(ctx: ServerContext, forum: SpaceDoc, topicId: string, viewerId: string, moderator: boolean, runs = moderator): Promise<ForumTopicDoc> {
  const topic = await (await forumCollections(ctx.store)).topics.findOne({ _id: topicId, forumId: forum._id });
  if (!topic || !topicVisible(topic, viewerId, moderator, runs)) throw new AppError('NOT_FOUND', 'Topic not found');
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
