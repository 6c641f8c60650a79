import { actionApplies } from '../moderation/transitions';
import type { ItemState } from '../moderation/types';
import type { Actor } from '../policy/actor';
import { can, spaceRightsOf } from '../policy/can';
import type { ItemResource, SpaceResource } from '../policy/resources';
import type { ForumSettings } from './settings';
import { FORUM_MODERATION_ACTIONS, type ForumMe, type ForumModerationAction, type ForumPostStatus } from './types';

/**
 * What the forum's per-item rules need to know about a forum: its policy resource (which carries the pupil
 * moderators as stored now, so a designation or a revocation counts at once) and its settings.
 */
export interface ForumFacts {
  resource: SpaceResource;
  settings: ForumSettings;
}

export interface TopicFacts {
  locked: boolean;
  closed: boolean;
  status: 'published' | 'pending' | 'hidden';
  authorId: string;
}

/** Teachers of the scope, the director, and the forum's designated pupil moderators (`moderate`). */
export function isForumModerator(actor: Actor | null, forum: ForumFacts): boolean {
  return can(actor, 'moderate', forum.resource);
}

/** Teachers of the scope and the director (`configure`): others' posts, delete, restore, pin, lock, close. */
export function isForumConfigurer(actor: Actor | null, forum: ForumFacts): boolean {
  return can(actor, 'configure', forum.resource);
}

/** The viewer's rights in a forum, each asked to the policy table (sent to the client with every page). */
export function forumMeOf(actor: Actor | null, resource: SpaceResource): Omit<ForumMe, 'mutedUntil'> {
  const rights = spaceRightsOf(actor, resource);
  return { moderator: rights.moderate, configurer: rights.configure, mayCreateTopic: rights.write, mayReply: rights.comment };
}

/** Replying is commenting (parents may, where the teacher allows it) in a topic open to replies (teachers reply anywhere). */
export function mayReply(actor: Actor | null, forum: ForumFacts, topic: TopicFacts | null): boolean {
  if (!can(actor, 'comment', forum.resource)) return false;
  if (!topic || isForumConfigurer(actor, forum)) return true;
  if (topic.locked || topic.closed) return false;
  return topic.status === 'published' || topic.authorId === actor?.userId;
}

/**
 * Whether an author's contribution or change waits for a moderator in this forum: under pre-moderation,
 * everyone's but those who run the forum (pupil moderators' own posts too). The personal-information guard
 * holds pupils' posts on top of this, pre-moderated or not.
 */
export function heldForReview(actor: Actor | null, forum: ForumFacts): boolean {
  return forum.settings.preModeration && !isForumConfigurer(actor, forum);
}

/**
 * Why an author's edit of their own post is refused, or null: authors edit within the window, in an open topic,
 * a post no moderator removed (teachers and the director edit their own posts at any time; others' posts are a
 * moderation `edit`, asked on the item).
 */
export function editRefusal(
  actor: Actor | null,
  forum: ForumFacts,
  topic: TopicFacts,
  post: { authorId: string; createdAt: number; status: ForumPostStatus },
  now: number,
): 'not_author' | 'window' | 'topic_closed' | 'removed' | null {
  if (post.authorId !== actor?.userId) return 'not_author';
  if (isForumConfigurer(actor, forum)) return null;
  if (post.status === 'hidden' || post.status === 'deleted') return 'removed';
  if (topic.locked || topic.closed || topic.status === 'hidden' || !can(actor, 'comment', forum.resource)) return 'topic_closed';
  if (now - post.createdAt > forum.settings.editWindowMinutes * 60_000) return 'window';
  return null;
}

/** The moderation state of a post as the policy table and the transition table name it. */
export const FORUM_ITEM_STATE: Record<ForumPostStatus, ItemState> = { published: 'visible', pending: 'pending', hidden: 'hidden', deleted: 'deleted' };

/** What moderation decides on about one post. */
export interface ForumPostFacts {
  id: string;
  authorId: string;
  status: ForumPostStatus;
  /** Pending and never shown nor acted upon by a moderator. */
  firstReview: boolean;
  personalInfo: boolean;
  /** An author's change waits for review. */
  pendingEdit: boolean;
}

/** The policy resource of a post: what moderation actions on it are asked on. */
export function forumItemResource(space: SpaceResource, post: ForumPostFacts): ItemResource {
  return {
    type: 'item',
    schoolId: space.schoolId,
    space,
    kind: 'forumPost',
    itemId: post.id,
    authorId: post.authorId,
    state: FORUM_ITEM_STATE[post.status],
    firstReview: post.firstReview,
    personalInfo: post.personalInfo,
    pendingEdit: post.pendingEdit,
  };
}

/** The forum buttons a viewer gets on a post: allowed by the policy table and fitting the post's state. */
export function forumPostActions(actor: Actor | null, space: SpaceResource, post: ForumPostFacts): ForumModerationAction[] {
  if (!actor) return [];
  const resource = forumItemResource(space, post);
  return FORUM_MODERATION_ACTIONS.filter((action) => actionApplies(action, { state: resource.state, pendingEdit: post.pendingEdit, authorId: post.authorId }) && can(actor, action, resource));
}
