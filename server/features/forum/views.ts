import { FORUM_QUOTE_EXCERPT_CHARS } from '../../../shared/forum/limits';
import { forumPostActions, type ForumPostFacts } from '../../../shared/forum/policy';
import type { ForumPostView, ForumQuote, ForumTopicView } from '../../../shared/forum/types';
import type { Actor } from '../../../shared/policy/actor';
import { can, canReadItem, canReadPendingChange } from '../../../shared/policy/can';
import type { ItemResource } from '../../../shared/policy/resources';
import { richTextToPlain, type RichTextDoc } from '../../../shared/richtext/validate';
import { spaceRoom } from '../../../shared/spaces/types';
import type { PreauServer } from '../../realtime/handlers';
import { userRoom } from '../../realtime/handlers';
import { moderatorsRoom } from '../../realtime/rights';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import type { ForumCollections, ForumPostDoc, ForumTopicDoc } from './model';

/** Who a post or topic is presented to. */
export interface ForumViewer {
  actor: Actor | null;
  userId: string;
  /** `moderate` on the forum: moderation buttons; what else it reads is asked per post (`moderatorReading`). */
  moderator: boolean;
  /** `configure` on the forum (its teachers, the director): hidden topics and titles waiting for review. */
  runs?: boolean;
}

/** Someone who is neither the author nor a moderator (what a broadcast to the whole forum carries). */
const PUBLIC: ForumViewer = { actor: null, userId: '', moderator: false };

export const excerptOf = (body: RichTextDoc): string => richTextToPlain(body).trim().slice(0, FORUM_QUOTE_EXCERPT_CHARS);

/** What moderation decides on about a post (the policy table's item facts). */
export function postFacts(doc: ForumPostDoc): ForumPostFacts {
  return {
    id: doc._id,
    authorId: doc.authorId,
    status: doc.status,
    firstReview: doc.status === 'pending' && !doc.shown && !doc.reviewed,
    personalInfo: doc.personalInfo ?? false,
    pendingEdit: (doc.pendingBody ?? null) !== null,
  };
}

const POST_STATE = { published: 'visible', pending: 'pending', hidden: 'hidden', deleted: 'deleted' } as const;

/** A post as the policy table sees it (its item resource). */
export function postResource(space: SpaceDoc, doc: ForumPostDoc): ItemResource {
  const { id, authorId, status: _status, ...facts } = postFacts(doc);
  return { type: 'item', schoolId: space.schoolId, space: spaceResource(space), kind: 'forumPost', itemId: id, authorId, state: POST_STATE[doc.status], ...facts };
}

/**
 * A topic as the policy table sees it: the item its title and opening post make. Published, everyone's who reads
 * the forum; hidden by a teacher, or waiting for review, as its opening post waits (a first publication, or one the
 * personal-information guard holds: its title may be the very phone number). Without its opening post, a pending
 * topic is taken as held for personal information (never a pupil moderator's).
 */
export function topicResource(forum: SpaceDoc, topic: ForumTopicDoc, opening: ForumPostDoc | null): ItemResource {
  const facts = opening ? postFacts(opening) : null;
  const state = topic.status === 'published' ? 'visible' : topic.status === 'hidden' || !opening || opening.status !== 'pending' ? 'hidden' : 'pending';
  return {
    type: 'item',
    schoolId: forum.schoolId,
    space: spaceResource(forum),
    kind: 'forumPost',
    itemId: opening?._id ?? topic._id,
    authorId: topic.authorId,
    state,
    firstReview: facts?.firstReview ?? false,
    personalInfo: facts?.personalInfo ?? true,
    pendingEdit: facts?.pendingEdit ?? false,
  };
}

/** Whether a viewer reads a topic (its title, its posts): the policy table's `canReadItem` on the topic's facts. */
export function readsTopic(actor: Actor | null, forum: SpaceDoc, topic: ForumTopicDoc, opening: ForumPostDoc | null): boolean {
  return canReadItem(actor, topicResource(forum, topic, opening));
}

/**
 * What a moderator reads of a post beyond what everyone reads, asked to the policy table: the text of a held or
 * removed post (`held`: its teachers and the director always, a pupil moderator only a first publication they may
 * approve) and an author's change waiting for review (`change`: never a pupil moderator).
 */
export function moderatorReading(viewer: ForumViewer, space: SpaceDoc, doc: ForumPostDoc): { held: boolean; change: boolean } {
  if (!viewer.moderator) return { held: false, change: false };
  const resource = postResource(space, doc);
  const held = doc.status === 'deleted' ? can(viewer.actor, 'readHeld', resource) : canReadItem(viewer.actor, resource);
  return { held, change: held && canReadPendingChange(viewer.actor, { ...resource, state: resource.state === 'deleted' ? 'hidden' : resource.state }) };
}

/** A topic as one viewer sees it: its author and the moderators also see a new title waiting for review. */
export function presentTopic(doc: ForumTopicDoc, lastReadSeq: number, insider: boolean): ForumTopicView {
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
    pendingTitle: insider ? (doc.pendingTitle ?? null) : null,
  };
}

/**
 * A quote as one viewer sees it, read from the quoted post NOW: its published text (never an author's change
 * waiting for review), nothing once a moderator removed it or while it is not published (moderators still
 * read it, as they read removed originals).
 */
export function presentQuote(quote: NonNullable<ForumPostDoc['quote']>, quoted: ForumPostDoc | null, readsHeld: boolean): ForumQuote {
  const removed = !quoted || quoted.status === 'hidden' || quoted.status === 'deleted';
  const readable = quoted !== null && (readsHeld || (quoted.status === 'published' && quoted.shown));
  return { postId: quote.postId, seq: quote.seq, authorName: quote.authorName, excerpt: readable ? excerptOf(quoted.body) : null, removed };
}

/**
 * A post as one viewer may see it: moderators get originals, flags, the author's pending change and the buttons
 * the policy table gives them; its author gets their pending change and the personal-information hold; others
 * get the published text, and removed posts without text.
 */
export function presentPost(doc: ForumPostDoc, viewer: ForumViewer, space: SpaceDoc, quoted: ForumPostDoc | null): ForumPostView {
  const removed = doc.status === 'hidden' || doc.status === 'deleted';
  const own = doc.authorId === viewer.userId;
  // A pupil moderator reads what everyone reads, their own posts, and the first publications they may approve.
  const reading = moderatorReading(viewer, space, doc);
  const readsText = reading.held || (!removed && (doc.status === 'published' || own));
  const insider = reading.change || own;
  return {
    id: doc._id,
    forumId: doc.forumId,
    topicId: doc.topicId,
    seq: doc.seq,
    authorId: doc.authorId,
    authorName: doc.authorName,
    authorRole: doc.authorRole,
    body: readsText ? doc.body : null,
    status: doc.status,
    quote: doc.quote ? presentQuote(doc.quote, quoted, quoted !== null && moderatorReading(viewer, space, quoted).held) : null,
    edited: doc.edited,
    editedAt: doc.editedAt,
    revisionCount: reading.change ? doc.revisionCount : 0,
    createdAt: doc.createdAt,
    pii: reading.held && (reading.change || (doc.pendingBody ?? null) === null) ? doc.pii : [],
    pendingBody: insider && (!removed || reading.held) ? (doc.pendingBody ?? null) : null,
    personalInfo: insider ? (doc.personalInfo ?? false) : false,
    actions: viewer.moderator ? forumPostActions(viewer.actor, spaceResource(space), postFacts(doc)) : [],
  };
}

/** The posts quoted by these posts, by id (one read for a page). */
export async function quotedPosts(collections: ForumCollections, docs: readonly ForumPostDoc[]): Promise<Map<string, ForumPostDoc>> {
  const ids = [...new Set(docs.map((doc) => doc.quotePostId).filter((id) => id !== ''))];
  if (ids.length === 0) return new Map();
  return new Map((await collections.posts.find({ _id: { $in: ids } })).map((doc) => [doc._id, doc]));
}

/**
 * Sends new or changed posts of one topic to everyone viewing the forum, each with their view: every socket of
 * the moderators' room its own (the buttons differ between teachers and pupil moderators), the author their
 * own, the others the public view when the post is visible to them.
 */
export async function broadcastPosts(
  io: PreauServer | null,
  event: 'forum:post' | 'forum:postUpdated',
  docs: readonly ForumPostDoc[],
  topic: ForumTopicDoc,
  space: SpaceDoc,
  quotes: ReadonlyMap<string, ForumPostDoc>,
): Promise<void> {
  if (!io || docs.length === 0) return;
  const moderators = moderatorsRoom(space._id);
  const resource = spaceResource(space);
  const quotedOf = (doc: ForumPostDoc) => quotes.get(doc.quotePostId) ?? null;
  const everyone = (doc: ForumPostDoc) => doc.shown && topic.status === 'published';
  for (const socket of await io.in(moderators).fetchSockets()) {
    const actor = socket.data.state?.actor ?? null;
    const userId = actor?.userId ?? '';
    // A socket whose moderator rights were taken back meanwhile gets what anyone else gets.
    const moderator = can(actor, 'moderate', resource);
    for (const doc of docs) {
      const viewer = { actor, userId, moderator };
      // A pupil moderator hears of a held post only when they may read it (or, once removed, without its text).
      const hears = doc.authorId === userId || everyone(doc) || (moderator && (moderatorReading(viewer, space, doc).held || doc.status === 'hidden' || doc.status === 'deleted'));
      if (hears) socket.emit(event, presentPost(doc, viewer, space, quotedOf(doc)));
    }
  }
  for (const doc of docs) {
    const author = userRoom(doc.authorId);
    io.to(author).except(moderators).emit(event, presentPost(doc, { actor: null, userId: doc.authorId, moderator: false }, space, quotedOf(doc)));
    if (everyone(doc)) io.to(spaceRoom(space._id)).except([moderators, author]).emit(event, presentPost(doc, PUBLIC, space, quotedOf(doc)));
  }
}

/** A topic withdrawn from a viewer's list: its id and state only, never its title (the list drops it). */
function withdrawnTopic(topic: ForumTopicDoc): ForumTopicView {
  return { ...presentTopic(topic, 0, false), title: '', authorName: '', pendingTitle: null };
}

/**
 * Sends a new or changed topic (the unread marker stays each client's own; a pending title to insiders only), each
 * socket of the moderators' room asked `canReadItem` on the topic's facts (`opening`: its opening post): those who
 * run the forum get every topic, a pupil moderator only what they may read; a topic someone may not read reaches
 * them, once hidden, without its title (their list drops it), and not at all while it waits for review.
 */
export async function broadcastTopic(io: PreauServer | null, topic: ForumTopicDoc, space: SpaceDoc, opening: ForumPostDoc | null): Promise<void> {
  if (!io) return;
  const moderators = moderatorsRoom(topic.forumId);
  const resource = spaceResource(space);
  for (const socket of await io.in(moderators).fetchSockets()) {
    const actor = socket.data.state?.actor ?? null;
    if (readsTopic(actor, space, topic, opening)) socket.emit('forum:topic', presentTopic(topic, 0, can(actor, 'configure', resource) || topic.authorId === actor?.userId));
    else if (topic.status === 'hidden') socket.emit('forum:topic', withdrawnTopic(topic));
  }
  const author = userRoom(topic.authorId);
  io.to(author).except(moderators).emit('forum:topic', presentTopic(topic, 0, true));
  const others = io.to(spaceRoom(topic.forumId)).except([moderators, author]);
  if (topic.status === 'published') others.emit('forum:topic', presentTopic(topic, 0, false));
  else if (topic.status === 'hidden') others.emit('forum:topic', withdrawnTopic(topic));
}
