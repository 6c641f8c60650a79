import type { Actor } from '../policy/actor';
import { can } from '../policy/can';
import type { ResourceOf } from '../policy/resources';
import { actorInSpace } from '../chat/policy';
import type { ForumSettings } from './settings';
import type { ForumPostStatus } from './types';

/** What the forum's per-item rules need to know about a forum. */
export interface ForumFacts {
  resource: ResourceOf<'space'>;
  moderatorIds: readonly string[];
  settings: ForumSettings;
}

export interface TopicFacts {
  locked: boolean;
  closed: boolean;
  status: 'published' | 'pending' | 'hidden';
  authorId: string;
}

/** Teachers of the scope, the director, and the forum's designated pupil moderators. */
export function isForumModerator(actor: Actor, forum: ForumFacts): boolean {
  return can(actorInSpace(actor, forum.resource.spaceId, forum.moderatorIds), 'moderate', forum.resource);
}

/** Teachers of the scope and the director: they edit others' posts, delete, restore, pin, lock and close (`configure`). */
export function isForumConfigurer(actor: Actor, forum: ForumFacts): boolean {
  return can(actor, 'configure', forum.resource);
}

/** The policy action a moderation action needs: pupil moderators hide and approve; the rest is for teachers. */
export function forumModerationNeeds(action: 'hide' | 'approve' | 'delete' | 'restore'): 'moderate' | 'configure' {
  return action === 'hide' || action === 'approve' ? 'moderate' : 'configure';
}

export function mayModerateForum(actor: Actor, forum: ForumFacts, action: 'hide' | 'approve' | 'delete' | 'restore'): boolean {
  return forumModerationNeeds(action) === 'moderate' ? isForumModerator(actor, forum) : isForumConfigurer(actor, forum);
}

/** Opening a topic is writing in the forum (the teacher's writers setting decides). */
export function mayCreateTopic(actor: Actor, forum: ForumFacts): boolean {
  return can(actor, 'write', forum.resource);
}

/** Replying is commenting (parents may, where the teacher allows it) in a topic open to replies (teachers reply anywhere). */
export function mayReply(actor: Actor, forum: ForumFacts, topic: TopicFacts | null): boolean {
  if (!can(actor, 'comment', forum.resource)) return false;
  if (!topic || isForumConfigurer(actor, forum)) return true;
  if (topic.locked || topic.closed) return false;
  return topic.status === 'published' || topic.authorId === actor.userId;
}

/**
 * Why an edit is refused, or null: teachers and the director edit any post at any time (editing others' work
 * is theirs, not pupil moderators'); authors edit within the window, in an open topic.
 */
export function editRefusal(
  actor: Actor,
  forum: ForumFacts,
  topic: TopicFacts,
  post: { authorId: string; createdAt: number; status: ForumPostStatus },
  now: number,
): 'not_author' | 'window' | 'topic_closed' | 'removed' | null {
  if (isForumConfigurer(actor, forum)) return null;
  if (post.authorId !== actor.userId) return 'not_author';
  if (post.status === 'hidden' || post.status === 'deleted') return 'removed';
  if (topic.locked || topic.closed || !can(actor, 'comment', forum.resource)) return 'topic_closed';
  if (now - post.createdAt > forum.settings.editWindowMinutes * 60_000) return 'window';
  return null;
}
