import { AppError } from '../../../shared/errors';
import type { ForumFacts } from '../../../shared/forum/policy';
import { isForumConfigurer, isForumModerator, mayCreateTopic, mayReply } from '../../../shared/forum/policy';
import { forumSettingsOf } from '../../../shared/forum/settings';
import type { ForumMe } from '../../../shared/forum/types';
import type { ResourceOf } from '../../../shared/policy/resources';
import type { Actor } from '../../../shared/policy/actor';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { loadSpace } from '../spaces/service';
import { forumCollections, type ForumTopicDoc } from './model';

/** Loads a forum of the actor's school: NOT_FOUND for anything else. */
export async function loadForum(ctx: ServerContext, forumId: string, schoolId: string): Promise<SpaceDoc> {
  const space = await loadSpace(ctx, forumId, schoolId);
  if (space.kind !== 'forum') throw new AppError('NOT_FOUND', 'Forum not found');
  return space;
}

/** The forum of one event or request, loaded once for the policy check and the handler (same payload object). */
const loaded = new WeakMap<object, Promise<SpaceDoc>>();
export function forumOf(ctx: ServerContext, schoolId: string, holder: object, forumId: string): Promise<SpaceDoc> {
  let forum = loaded.get(holder);
  if (!forum) {
    forum = loadForum(ctx, forumId, schoolId);
    loaded.set(holder, forum);
  }
  return forum;
}

/** The policy question of a forum event: `action` on the forum. */
export function askForum(action: 'read' | 'write' | 'comment' | 'moderate' | 'configure') {
  return async (state: AuthedRequestState, payload: { forumId: string }, ctx: ServerContext) => ({
    action,
    resource: spaceResource(await forumOf(ctx, state.user.schoolId, payload, payload.forumId)) as ResourceOf<'space'>,
  });
}

export function forumFacts(space: SpaceDoc): ForumFacts {
  return { resource: spaceResource(space) as ResourceOf<'space'>, moderatorIds: space.moderatorIds, settings: forumSettingsOf(space.settings) };
}

export function forumMe(actor: Actor, forum: SpaceDoc): ForumMe {
  const facts = forumFacts(forum);
  return { moderator: isForumModerator(actor, facts), configurer: isForumConfigurer(actor, facts), mayCreateTopic: mayCreateTopic(actor, facts), mayReply: mayReply(actor, facts, null) };
}

/** Whether a viewer sees a topic: published ones for all; pending ones for their author; hidden ones for moderators. */
export function topicVisible(topic: ForumTopicDoc, viewerId: string, moderator: boolean): boolean {
  return moderator || topic.status === 'published' || (topic.status === 'pending' && topic.authorId === viewerId);
}

/** Loads a topic of the forum that the viewer may see (NOT_FOUND otherwise, without telling it exists). */
export async function loadTopic(ctx: ServerContext, forum: SpaceDoc, topicId: string, viewerId: string, moderator: boolean): Promise<ForumTopicDoc> {
  const topic = await (await forumCollections(ctx.store)).topics.findOne({ _id: topicId, forumId: forum._id });
  if (!topic || !topicVisible(topic, viewerId, moderator)) throw new AppError('NOT_FOUND', 'Topic not found');
  return topic;
}
