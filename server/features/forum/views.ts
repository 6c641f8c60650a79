import type { ForumPostView, ForumTopicView } from '../../../shared/forum/types';
import { spaceRoom } from '../../../shared/spaces/types';
import type { PreauServer } from '../../realtime/handlers';
import { userRoom } from '../../realtime/handlers';
import { moderatorsRoom } from '../chat/views';
import type { ForumPostDoc, ForumTopicDoc } from './model';

export function presentTopic(doc: ForumTopicDoc, lastReadSeq: number): ForumTopicView {
  return {
    id: doc._id,
    forumId: doc.forumId,
    title: doc.title,
    authorId: doc.authorId,
    authorName: doc.authorName,
    status: doc.status,
    pinned: doc.pinnedAt > 0,
    locked: doc.locked,
    closed: doc.closed,
    postCount: doc.postCount,
    lastPostAt: doc.lastPostAt,
    lastSeq: doc.lastVisibleSeq,
    createdAt: doc.createdAt,
    lastReadSeq,
  };
}

/** A post as one viewer may see it: moderators get originals and flags; others get removed posts without text. */
export function presentPost(doc: ForumPostDoc, moderator: boolean): ForumPostView {
  const removed = doc.status === 'hidden' || doc.status === 'deleted';
  return {
    id: doc._id,
    forumId: doc.forumId,
    topicId: doc.topicId,
    seq: doc.seq,
    authorId: doc.authorId,
    authorName: doc.authorName,
    authorRole: doc.authorRole,
    body: removed && !moderator ? null : doc.body,
    status: doc.status,
    quote: doc.quote
      ? { postId: doc.quote.postId, seq: doc.quote.seq, authorName: doc.quote.authorName, excerpt: doc.quote.removed && !moderator ? null : doc.quote.excerpt }
      : null,
    edited: doc.edited,
    editedAt: doc.editedAt,
    revisionCount: moderator ? doc.revisionCount : 0,
    createdAt: doc.createdAt,
    pii: moderator ? doc.pii : [],
  };
}

/** Sends a new or changed post to everyone viewing the forum, each with their view (see chat/views.ts). */
export function broadcastPost(io: PreauServer | null, event: 'forum:post' | 'forum:postUpdated', doc: ForumPostDoc, topic: ForumTopicDoc): void {
  if (!io) return;
  const moderators = moderatorsRoom(doc.forumId);
  io.to(moderators).emit(event, presentPost(doc, true));
  const everyone = doc.shown && topic.status === 'published';
  (everyone ? io.to(spaceRoom(doc.forumId)) : io.to(userRoom(doc.authorId))).except(moderators).emit(event, presentPost(doc, false));
}

/** Sends a new or changed topic (the unread marker stays each client's own). */
export function broadcastTopic(io: PreauServer | null, topic: ForumTopicDoc): void {
  if (!io) return;
  const moderators = moderatorsRoom(topic.forumId);
  io.to(moderators).emit('forum:topic', presentTopic(topic, 0));
  if (topic.status === 'hidden') return;
  const others = topic.status === 'published' ? io.to(spaceRoom(topic.forumId)) : io.to(userRoom(topic.authorId));
  others.except(moderators).emit('forum:topic', presentTopic(topic, 0));
}
