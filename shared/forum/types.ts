import { z } from 'zod';
import type { Profile } from '../identity/profiles';
import { REASON_CODES } from '../moderation/types';
import type { PiiKind } from '../pii/detect';
import { BoundedJsonSchema } from '../richtext/json';
import type { RichTextDoc } from '../richtext/validate';
import { FORUM_SEARCH_MAX_CHARS, FORUM_SEARCH_MIN_CHARS, FORUM_TITLE_MAX_CHARS } from './limits';

const Id = z.string().min(1).max(64);

/** A post's life: published, waiting for a moderator (pre-moderation), hidden or deleted by a moderator. */
export const FORUM_POST_STATUSES = ['published', 'pending', 'hidden', 'deleted'] as const;
export type ForumPostStatus = (typeof FORUM_POST_STATUSES)[number];

/**
 * A reply's reference to the post it quotes. The excerpt is NOT a copy made when replying: it is read from the
 * quoted post each time it is shown, so a teacher's correction reaches every quote of the post at once.
 */
export interface ForumQuote {
  postId: string;
  seq: number;
  authorName: string;
  /**
   * The start of the quoted post's text as published now. null for pupils and parents once the quoted post was
   * removed by a moderator (« message retiré »), or while it is not published; moderators keep reading it.
   */
  excerpt: string | null;
  /** The quoted post is hidden or deleted. */
  removed: boolean;
}

/** A topic as one viewer sees it in the list. */
export interface ForumTopicView {
  id: string;
  forumId: string;
  title: string;
  authorId: string;
  authorName: string;
  status: 'published' | 'pending' | 'hidden';
  pinned: boolean;
  locked: boolean;
  closed: boolean;
  /** Posts visible to everyone (the first post included). */
  postCount: number;
  lastPostAt: number;
  /** The seq of the latest visible post: with `lastReadSeq`, the unread marker. */
  lastSeq: number;
  createdAt: number;
  /** This viewer's last read post (0: never opened). */
  lastReadSeq: number;
  /** The author's new title waiting for review (pre-moderation): to its author and the moderators only. */
  pendingTitle: string | null;
}

/**
 * A post as one viewer receives it. Removed posts reach pupils and parents with `body: null` (« message
 * supprimé par un modérateur »); moderators get the original and the personal information found in it.
 * `body` is always the published text (or the text waiting for its first review); an author's change waiting
 * for review travels in `pendingBody`, to its author and the moderators only.
 */
export interface ForumPostView {
  id: string;
  forumId: string;
  topicId: string;
  /** 1 for the topic's opening post, then increasing. */
  seq: number;
  authorId: string;
  authorName: string;
  authorRole: Profile | null;
  body: RichTextDoc | null;
  status: ForumPostStatus;
  quote: ForumQuote | null;
  /** Everyone sees « modifié »… */
  edited: boolean;
  editedAt: number | null;
  /** …moderators also see how many revisions are kept (0 for others). */
  revisionCount: number;
  createdAt: number;
  /** Moderators only (empty for others). */
  pii: PiiKind[];
  /** The author's change waiting for review (pre-moderation, or held for personal information): author and moderators only. */
  pendingBody: RichTextDoc | null;
  /**
   * Held by the personal-information guard (the post, or its pending change) until a teacher decides: told to
   * its author (« un enseignant va le relire ») and the moderators (« information personnelle »).
   */
  personalInfo: boolean;
  /** The moderation actions this viewer may take on it now, decided on the server by the policy table. */
  actions: ForumModerationAction[];
}

/** One kept revision of a post: who changed it, when, and what it was before. */
export interface ForumRevisionView {
  id: string;
  postId: string;
  editorId: string;
  editorName: string;
  editedAt: number;
  previousBody: RichTextDoc;
  previousTitle: string | null;
}

/**
 * What the viewer may do in a forum, computed on the server from the policy table (`spaceRightsOf`): the UI
 * shows or hides its controls from it, never from profile names; the server decides anyway.
 */
export interface ForumMe {
  /** Sees originals, hides and approves first publications (teachers, the director, pupil moderators): `moderate`. */
  moderator: boolean;
  /** Also edits others' posts, deletes, restores, pins, locks and closes (teachers and the director): `configure`. */
  configurer: boolean;
  /** `write` on the forum. */
  mayCreateTopic: boolean;
  /** `comment` on the forum. */
  mayReply: boolean;
  /** Until when a moderator muted the viewer in this forum (ms since the epoch), or null: the page says so and disables writing. */
  mutedUntil: number | null;
}

export interface ForumTopicsPage {
  topics: ForumTopicView[];
  total: number;
  page: number;
  pageSize: number;
  me: ForumMe;
}

export interface ForumTopicPage {
  topic: ForumTopicView;
  posts: ForumPostView[];
  total: number;
  page: number;
  pageSize: number;
  /** The page holding the first unread post (1 when everything is read). */
  firstUnreadPage: number;
  me: ForumMe;
}

export interface ForumSearchHit {
  topicId: string;
  topicTitle: string;
  postId: string;
  seq: number;
  /** The page of the topic where the post is. */
  page: number;
  authorName: string;
  excerpt: string;
  createdAt: number;
}

export const ForumTitleSchema = z.string().trim().min(1).max(FORUM_TITLE_MAX_CHARS);
/**
 * Rich text travels as JSON and is validated against the editor's schema by the server (`validateRichText`); its
 * depth and size are bounded first, so a body nested 100,000 deep is a VALIDATION refusal, not a stack overflow.
 */
export const ForumBodySchema = BoundedJsonSchema.pipe(z.record(z.string(), z.unknown()));

const Forum = { forumId: Id };
export const ForumJoinSchema = z.object(Forum).strict();
export const ForumCreateTopicSchema = z.object({ ...Forum, key: z.uuid(), title: ForumTitleSchema, body: ForumBodySchema }).strict();
export const ForumReplySchema = z.object({ ...Forum, topicId: Id, key: z.uuid(), body: ForumBodySchema, quotePostId: Id.optional() }).strict();
/** An author's edit of their post, or a teacher's correction of someone else's (then `reasonCode` tells its author why). */
export const ForumEditSchema = z.object({ ...Forum, postId: Id, body: ForumBodySchema, title: ForumTitleSchema.optional(), reasonCode: z.enum(REASON_CODES).optional() }).strict();
/** The moderation actions of the forum's own buttons (`reject` drops an author's change waiting for review). */
export const FORUM_MODERATION_ACTIONS = ['hide', 'delete', 'restore', 'approve', 'reject'] as const;
export type ForumModerationAction = (typeof FORUM_MODERATION_ACTIONS)[number];
/**
 * A moderation action from the forum's own buttons: the exact action is asked on the post (the policy table),
 * then it goes through the moderation feature's one path (evidence, audit, notice to the author, consoles).
 */
export const ForumModerateSchema = z.object({ ...Forum, postId: Id, action: z.enum(FORUM_MODERATION_ACTIONS), reasonCode: z.enum(REASON_CODES).default('autre') }).strict();
export const ForumTopicStateSchema = z
  .object({ ...Forum, topicId: Id, pinned: z.boolean().optional(), locked: z.boolean().optional(), closed: z.boolean().optional(), hidden: z.boolean().optional() })
  .strict()
  .refine((change) => [change.pinned, change.locked, change.closed, change.hidden].some((value) => value !== undefined), { message: 'nothing to change' });
export const ForumMarkReadSchema = z.object({ ...Forum, topicId: Id, seq: z.number().int().nonnegative() }).strict();

export const ForumPageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }).strict();
export const ForumSearchQuery = z.object({ q: z.string().trim().min(FORUM_SEARCH_MIN_CHARS).max(FORUM_SEARCH_MAX_CHARS) }).strict();

/** Lower case without accents: « Éléphant » and « elephant » are the same word for search. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');
}
