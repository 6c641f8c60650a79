import { AppError } from '../../../shared/errors';
import { FORUM_HELD_SCAN_MAX, FORUM_POSTS_PAGE_SIZE, FORUM_REVISIONS_MAX, FORUM_SEARCH_MAX_RESULTS, FORUM_TOPICS_PAGE_SIZE } from '../../../shared/forum/limits';
import { foldForSearch, type ForumRevisionView, type ForumSearchHit, type ForumTopicPage, type ForumTopicsPage } from '../../../shared/forum/types';
import type { Actor } from '../../../shared/policy/actor';
import type { ServerContext } from '../../context';
import type { Filter } from '../../storage/port';
import type { SpaceDoc } from '../spaces/model';
import { forumMe, forumViewer, loadTopic, readableTopics } from './forums';
import { forumCollections, readId } from './model';
import { excerptOf, moderatorReading, presentPost, presentTopic, quotedPosts, type ForumViewer } from './views';

/**
 * Reading a forum. Every function gets the forum the edge loaded and asked `read` (or `moderate`) on; what a
 * viewer sees of each topic and post is decided here, per item, from the same policy table.
 */

/**
 * Posts a viewer may list (an exact filter, so pages stay full and counts right): everything for those who run the
 * forum; what was published (even if later removed) and their own for the others; and for a pupil moderator the
 * held posts they may read (first publications they may approve), each asked to the policy table.
 */
async function visiblePosts(ctx: ServerContext, viewer: ForumViewer, forum: SpaceDoc, filter: Filter): Promise<Filter> {
  if (viewer.runs) return filter;
  const listed: Filter[] = [{ shown: true }, { authorId: viewer.userId }];
  if (viewer.moderator) {
    const { posts } = await forumCollections(ctx.store);
    const held = await posts.find({ ...filter, shown: false, authorId: { $ne: viewer.userId } }, { sort: { seq: 1 }, limit: FORUM_HELD_SCAN_MAX });
    listed.push({ _id: { $in: held.filter((post) => moderatorReading(viewer, forum, post).held).map((post) => post._id) } });
  }
  return { ...filter, $or: listed };
}

/**
 * Topics a viewer may list: every topic for those who run the forum; else the published ones and the held ones
 * the policy table lets them read (their own; a pupil moderator's first publications to approve), never one a
 * teacher hid nor one held for personal information (its title may be the phone number).
 */
async function visibleTopics(ctx: ServerContext, actor: Actor, forum: SpaceDoc, runs: boolean, moderator: boolean): Promise<Filter> {
  if (runs) return { forumId: forum._id };
  const { topics } = await forumCollections(ctx.store);
  const candidates: Filter = moderator ? { $or: [{ status: 'pending' }, { authorId: actor.userId }] } : { authorId: actor.userId };
  const held = await topics.find({ forumId: forum._id, status: { $in: ['pending', 'hidden'] }, ...candidates }, { sort: { lastPostAt: -1 }, limit: FORUM_HELD_SCAN_MAX });
  const readable = (await readableTopics(ctx, actor, forum, held)).map((topic) => topic._id);
  return { forumId: forum._id, $or: [{ status: 'published' }, { _id: { $in: readable } }] };
}

/** A page of topics, pinned first then by latest activity, with this viewer's unread markers. */
export async function topicsPage(ctx: ServerContext, actor: Actor, forum: SpaceDoc, page: number): Promise<ForumTopicsPage> {
  const { topics, reads } = await forumCollections(ctx.store);
  const { moderator, runs } = forumViewer(actor, forum);
  const filter = await visibleTopics(ctx, actor, forum, runs === true, moderator);
  const [items, total] = await Promise.all([
    topics.find(filter, { sort: { pinnedAt: -1, lastPostAt: -1, _id: -1 }, skip: (page - 1) * FORUM_TOPICS_PAGE_SIZE, limit: FORUM_TOPICS_PAGE_SIZE }),
    topics.count(filter),
  ]);
  const marks = items.length > 0 ? await reads.find({ _id: { $in: items.map((topic) => readId(actor.userId, topic._id)) } }) : [];
  const lastRead = new Map(marks.map((mark) => [mark.topicId, mark.lastReadSeq]));
  return {
    topics: items.map((topic) => presentTopic(topic, lastRead.get(topic._id) ?? 0, runs || topic.authorId === actor.userId)),
    total,
    page,
    pageSize: FORUM_TOPICS_PAGE_SIZE,
    me: await forumMe(ctx, actor, forum),
  };
}

/** A page of a topic's posts in order (each quote read from the quoted post now), and the page of the first unread one. */
export async function topicPage(ctx: ServerContext, actor: Actor, forum: SpaceDoc, topicId: string, page: number): Promise<ForumTopicPage> {
  const collections = await forumCollections(ctx.store);
  const { posts, reads } = collections;
  const viewer = forumViewer(actor, forum);
  const topic = await loadTopic(ctx, forum, topicId, actor);
  const filter = await visiblePosts(ctx, viewer, forum, { topicId: topic._id });
  const lastReadSeq = (await reads.findOne({ _id: readId(actor.userId, topic._id) }))?.lastReadSeq ?? 0;
  const [items, total, read] = await Promise.all([
    posts.find(filter, { sort: { seq: 1 }, skip: (page - 1) * FORUM_POSTS_PAGE_SIZE, limit: FORUM_POSTS_PAGE_SIZE }),
    posts.count(filter),
    posts.count({ ...filter, seq: { $lte: lastReadSeq } }),
  ]);
  const quotes = await quotedPosts(collections, items);
  const lastPage = Math.max(1, Math.ceil(total / FORUM_POSTS_PAGE_SIZE));
  return {
    topic: presentTopic(topic, lastReadSeq, viewer.runs || topic.authorId === actor.userId),
    // A pupil moderator lists no held post they may not read (a classmate's personal information, what a teacher holds).
    posts: items.filter((post) => viewer.runs || post.shown || post.authorId === actor.userId || moderatorReading(viewer, forum, post).held).map((post) => presentPost(post, viewer, forum, quotes.get(post.quotePostId) ?? null)),
    total,
    page,
    pageSize: FORUM_POSTS_PAGE_SIZE,
    firstUnreadPage: Math.min(lastPage, Math.floor(read / FORUM_POSTS_PAGE_SIZE) + 1),
    me: await forumMe(ctx, actor, forum),
  };
}

/**
 * The page of its topic where a post is, as this viewer lists the topic (what a notification's link opens): NOT_FOUND
 * when the viewer may not see the post or its topic.
 */
export async function postPage(ctx: ServerContext, actor: Actor, forum: SpaceDoc, postId: string): Promise<{ topicId: string; page: number }> {
  const { posts } = await forumCollections(ctx.store);
  const viewer = forumViewer(actor, forum);
  const post = await posts.findOne(await visiblePosts(ctx, viewer, forum, { _id: postId, forumId: forum._id }));
  if (!post) throw new AppError('NOT_FOUND', 'Post not found');
  const topic = await loadTopic(ctx, forum, post.topicId, actor);
  const before = await posts.count(await visiblePosts(ctx, viewer, forum, { topicId: topic._id, seq: { $lt: post.seq } }));
  return { topicId: topic._id, page: Math.floor(before / FORUM_POSTS_PAGE_SIZE) + 1 };
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Searches the forum's published texts (and topic titles), ignoring case and accents: pupils and parents find
 * only published posts, as published (a change waiting for review is not searched); moderators find everything.
 */
export async function forumSearch(ctx: ServerContext, actor: Actor, forum: SpaceDoc, query: string): Promise<ForumSearchHit[]> {
  const { posts, topics } = await forumCollections(ctx.store);
  const viewer = forumViewer(actor, forum);
  const runs = viewer.runs === true;
  const pattern = escapeRegex(foldForSearch(query.trim()));
  const filter: Filter = { forumId: forum._id, searchText: { $regex: pattern } };
  // Only those who run the forum search what is held or removed (a pupil moderator searches what everyone does).
  if (!runs) filter.status = 'published';
  const found = await posts.find(filter, { sort: { createdAt: -1 }, limit: FORUM_SEARCH_MAX_RESULTS * 2 });
  const topicDocs = await topics.find({ _id: { $in: [...new Set(found.map((post) => post.topicId))] } });
  // A hit names its topic: only topics the searcher reads (never one a teacher hid, nor one held for personal information).
  const topicById = new Map((await readableTopics(ctx, actor, forum, topicDocs)).map((topic) => [topic._id, topic]));
  const hits: ForumSearchHit[] = [];
  for (const post of found) {
    const topic = topicById.get(post.topicId);
    if (!topic) continue;
    const before = await posts.count(await visiblePosts(ctx, viewer, forum, { topicId: topic._id, seq: { $lt: post.seq } }));
    hits.push({
      topicId: topic._id,
      topicTitle: topic.title,
      postId: post._id,
      seq: post.seq,
      page: Math.floor(before / FORUM_POSTS_PAGE_SIZE) + 1,
      authorName: post.authorName,
      excerpt: excerptOf(post.body),
      createdAt: post.createdAt,
    });
    if (hits.length >= FORUM_SEARCH_MAX_RESULTS) break;
  }
  return hits;
}

/** The revisions of a post, newest first (the route asked `moderate` on the forum). */
export async function postRevisions(ctx: ServerContext, forum: SpaceDoc, postId: string): Promise<ForumRevisionView[]> {
  const { posts, revisions } = await forumCollections(ctx.store);
  const post = await posts.findOne({ _id: postId, forumId: forum._id });
  if (!post) throw new AppError('NOT_FOUND', 'Post not found');
  const list = await revisions.find({ postId: post._id }, { sort: { editedAt: -1 }, limit: FORUM_REVISIONS_MAX });
  return list.map((revision) => ({
    id: revision._id,
    postId: revision.postId,
    editorId: revision.editorId,
    editorName: revision.editorName,
    editedAt: revision.editedAt,
    previousBody: revision.previousBody,
    previousTitle: revision.previousTitle,
  }));
}

/** Moves the viewer's unread marker forward (never back) in a topic they can see. */
export async function readMarker(ctx: ServerContext, actor: Actor, forum: SpaceDoc, topicId: string, seq: number): Promise<number> {
  const { reads } = await forumCollections(ctx.store);
  const topic = await loadTopic(ctx, forum, topicId, actor);
  const mark = await reads.findOneAndUpdate(
    { _id: readId(actor.userId, topic._id) },
    { $max: { lastReadSeq: Math.min(seq, topic.seqCounter) }, $setOnInsert: { userId: actor.userId, topicId: topic._id, forumId: forum._id } },
    { upsert: true, returnDocument: 'after' },
  );
  return mark!.lastReadSeq;
}
