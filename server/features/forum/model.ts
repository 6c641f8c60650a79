import type { Profile } from '../../../shared/identity/profiles';
import type { PiiKind } from '../../../shared/pii/detect';
import type { ForumPostStatus } from '../../../shared/forum/types';
import type { RichTextDoc } from '../../../shared/richtext/validate';
import type { BaseDoc, Collection, Store } from '../../storage/port';

export interface ForumTopicDoc extends BaseDoc {
  schoolId: string;
  forumId: string;
  /** The creator's idempotency key (also the key of the opening post). */
  key: string;
  title: string;
  authorId: string;
  authorName: string;
  status: 'published' | 'pending' | 'hidden';
  /** When it was pinned (0: not pinned): pinned topics come first, the latest pinned on top. */
  pinnedAt: number;
  locked: boolean;
  closed: boolean;
  /** The last seq given to a post of the topic (the counter). */
  seqCounter: number;
  /** The seq of the latest post everyone can see, and their count. */
  lastVisibleSeq: number;
  postCount: number;
  lastPostAt: number;
  createdAt: number;
  updatedAt: number;
  /** The author's new title waiting for review with their change of the opening post (pre-moderation), or null. */
  pendingTitle?: string | null;
}

export interface ForumPostDoc extends BaseDoc {
  schoolId: string;
  forumId: string;
  topicId: string;
  seq: number;
  key: string;
  authorId: string;
  authorName: string;
  authorRole: Profile | null;
  body: RichTextDoc;
  /**
   * Folded plain text of the PUBLISHED version (topic title included for the opening post), for case- and
   * accent-insensitive search: a change waiting for review is not searchable by others.
   */
  searchText: string;
  status: ForumPostStatus;
  /** Whether everyone has seen it at some point (false while waiting for its first review). */
  shown: boolean;
  /** A moderator acted on it (approved, hid, deleted, restored, corrected): it is no longer a first review. */
  reviewed?: boolean;
  removedById: string | null;
  /**
   * The quoted post, WITHOUT its text: the excerpt is read from the quoted post whenever the quote is shown,
   * so no copy of a corrected or removed text survives in the quoting posts.
   */
  quote: { postId: string; seq: number; authorName: string } | null;
  /** The quoted post's id ('' when none), scalar so the quotes of a post are found by index. */
  quotePostId: string;
  /** The author's change waiting for review (pre-moderation, or held for personal information), or null. */
  pendingBody?: RichTextDoc | null;
  /** When that change was written. */
  pendingAt?: number | null;
  /** Held by the personal-information guard (the post while pending, or its pending change) until a teacher decides. */
  personalInfo?: boolean;
  edited: boolean;
  editedAt: number | null;
  revisionCount: number;
  /** The personal information found in what moderators review (the pending change if any, else the text). */
  pii: PiiKind[];
  createdAt: number;
  /** Increases with every change: the moderation console acts only on the version it saw. */
  version: number;
}

export interface ForumRevisionDoc extends BaseDoc {
  schoolId: string;
  forumId: string;
  topicId: string;
  postId: string;
  editorId: string;
  editorName: string;
  editedAt: number;
  previousBody: RichTextDoc;
  previousTitle: string | null;
}

/** How far a user read a topic: the unread marker. */
export interface ForumReadDoc extends BaseDoc {
  userId: string;
  topicId: string;
  forumId: string;
  lastReadSeq: number;
}

export interface ForumCollections {
  topics: Collection<ForumTopicDoc>;
  posts: Collection<ForumPostDoc>;
  revisions: Collection<ForumRevisionDoc>;
  reads: Collection<ForumReadDoc>;
}

const ready = new WeakMap<Store, Promise<ForumCollections>>();

/** The forum's collections, their indexes created once per store (the first caller waits for them). */
export function forumCollections(store: Store): Promise<ForumCollections> {
  let pending = ready.get(store);
  if (!pending) {
    pending = (async () => {
      const collections: ForumCollections = {
        topics: store.collection<ForumTopicDoc>('forum_topics'),
        posts: store.collection<ForumPostDoc>('forum_posts'),
        revisions: store.collection<ForumRevisionDoc>('forum_revisions'),
        reads: store.collection<ForumReadDoc>('forum_reads'),
      };
      await collections.topics.ensureIndexes([
        { fields: { forumId: 1, authorId: 1, key: 1 }, unique: true },
        { fields: { forumId: 1, pinnedAt: -1, lastPostAt: -1 } },
      ]);
      await collections.posts.ensureIndexes([
        { fields: { forumId: 1, authorId: 1, key: 1 }, unique: true },
        { fields: { topicId: 1, seq: 1 }, unique: true },
        { fields: { forumId: 1, createdAt: -1 } },
        { fields: { quotePostId: 1 } },
      ]);
      await collections.revisions.ensureIndexes([{ fields: { postId: 1, editedAt: -1 } }]);
      await collections.reads.ensureIndexes([{ fields: { userId: 1, forumId: 1 } }]);
      // Quotes used to carry a copy of the quoted text, which outlived a teacher's correction: drop the copies.
      await collections.posts.updateMany({ 'quote.excerpt': { $exists: true } }, { $unset: { 'quote.excerpt': '', 'quote.removed': '' } });
      return collections;
    })();
    ready.set(store, pending);
    pending.catch(() => ready.delete(store));
  }
  return pending;
}

export const readId = (userId: string, topicId: string): string => `${userId}:${topicId}`;
