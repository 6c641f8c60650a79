import {
  ForumCreateTopicSchema,
  ForumEditSchema,
  ForumJoinSchema,
  ForumMarkReadSchema,
  ForumModerateSchema,
  ForumReplySchema,
  ForumTopicStateSchema,
  type ForumMe,
  type ForumPostView,
  type ForumTopicView,
} from './types';

/** Client-to-server forum events; reading goes through REST (`/api/forums/...`). */
export const forumClientEvents = {
  /** Follow a forum live (after `space:join`): moderators also receive the originals of removed posts. */
  'forum:join': ForumJoinSchema,
  'forum:createTopic': ForumCreateTopicSchema,
  'forum:reply': ForumReplySchema,
  /**
   * The author within the edit window (held for review under pre-moderation or for personal information), or a
   * teacher correcting someone else's post at any time (the moderation action `edit`); every published change
   * keeps a revision.
   */
  'forum:edit': ForumEditSchema,
  /** Hide, delete, restore, approve, or reject an author's change: asked on the post, then the one moderation path. */
  'forum:moderate': ForumModerateSchema,
  /** Pin, lock, close or hide a topic (moderators). */
  'forum:topic': ForumTopicStateSchema,
  /** The viewer read a topic up to a post (the unread marker). */
  'forum:markRead': ForumMarkReadSchema,
} as const;

export interface ForumClientResults {
  'forum:join': { me: ForumMe };
  'forum:createTopic': { topic: ForumTopicView; post: ForumPostView; duplicate: boolean };
  'forum:reply': { post: ForumPostView; duplicate: boolean };
  'forum:edit': { post: ForumPostView; topic: ForumTopicView };
  'forum:moderate': { post: ForumPostView };
  'forum:topic': { topic: ForumTopicView };
  'forum:markRead': { lastReadSeq: number };
}

export interface ForumServerEvents {
  /** A new post (pending ones reach moderators and their author only). */
  'forum:post': (post: ForumPostView) => void;
  /** A post was edited, removed, restored, approved or rejected, or a post it quotes changed. */
  'forum:postUpdated': (post: ForumPostView) => void;
  /** A topic appeared or changed (title, pin, lock, close, counts); `lastReadSeq` is 0: keep your own. */
  'forum:topic': (topic: ForumTopicView) => void;
}
