import { AppError } from '../../../shared/errors';
import { foldForSearch, type ForumPostStatus } from '../../../shared/forum/types';
import { personalInfoKinds } from '../../../shared/pii/detect';
import { richTextToPlain, validateRichText, type RichTextDoc } from '../../../shared/richtext/validate';
import type { ServerContext } from '../../context';
import type { Update } from '../../storage/port';
import type { SpaceDoc } from '../spaces/model';
import { forumCollections, type ForumPostDoc, type ForumTopicDoc } from './model';

/**
 * The changes of one post and its topic. Each runs inside its caller's transaction (an author's edit, a
 * moderation action): it only writes to the store, checks the version read (CONFLICT when stale), and returns
 * the new documents for the caller to broadcast once committed. Rights and audit are the caller's.
 */

/** Validates rich text against the editor's schema and returns it with its plain text (refusing an empty post). */
export function cleanBody(input: unknown): { body: RichTextDoc; plain: string } {
  const body = validateRichText(input);
  const plain = richTextToPlain(body).trim();
  if (!plain) throw new AppError('VALIDATION', 'The post is empty', [{ path: 'body', message: 'empty' }]);
  return { body, plain };
}

/** What search and the personal-information guard read of a post: the opening post carries its topic's title. */
export const searchableOf = (seq: number, title: string, plain: string): string => (seq === 1 ? `${title}\n${plain}` : plain);

export interface ChangedPost {
  updated: ForumPostDoc;
  updatedTopic: ForumTopicDoc;
}

async function updatedPost(ctx: ServerContext, post: ForumPostDoc, version: number, update: Update): Promise<ForumPostDoc> {
  const { posts } = await forumCollections(ctx.store);
  const updated = await posts.findOneAndUpdate({ _id: post._id, version }, { ...update, $inc: { ...update.$inc, version: 1 } }, { returnDocument: 'after' });
  if (!updated) throw new AppError('CONFLICT', 'The post changed meanwhile: reload it');
  return updated;
}

async function updatedTopicOf(ctx: ServerContext, topic: ForumTopicDoc, update: Update | null): Promise<ForumTopicDoc> {
  if (!update) return topic;
  return (await (await forumCollections(ctx.store)).topics.findOneAndUpdate({ _id: topic._id }, update, { returnDocument: 'after' })) ?? topic;
}

/** Keeps what a post said before a change was published: who changed it, when, and the previous text and title. */
async function keepRevision(ctx: ServerContext, forum: SpaceDoc, topic: ForumTopicDoc, post: ForumPostDoc, editor: { id: string; name: string }, at: number, previousTitle: string | null): Promise<void> {
  await (await forumCollections(ctx.store)).revisions.insertOne({
    schoolId: forum.schoolId,
    forumId: forum._id,
    topicId: topic._id,
    postId: post._id,
    editorId: editor.id,
    editorName: editor.name,
    editedAt: at,
    previousBody: post.body,
    previousTitle,
  });
}

/**
 * Replaces a post's text (and the topic's title, for the opening post) at once, keeping the previous one as a
 * revision: an author's edit that nothing holds, an author's edit of a post still waiting for its first review
 * (`personalInfo` then says whether it stays held for personal information), or a moderator's correction
 * (`correction`), which also drops any change waiting for review and ends the first review.
 */
export async function contentReplacer(
  ctx: ServerContext,
  input: { forum: SpaceDoc; topic: ForumTopicDoc; post: ForumPostDoc; version: number; editor: { id: string; name: string }; body: RichTextDoc; plain: string; title?: string | undefined; personalInfo?: boolean; correction?: boolean },
): Promise<ChangedPost> {
  const { forum, topic, post } = input;
  const now = Date.now();
  const title = input.title ?? topic.title;
  const titleChanged = post.seq === 1 && title !== topic.title;
  const searchable = searchableOf(post.seq, title, input.plain);
  const set: Partial<ForumPostDoc> = { body: input.body, searchText: foldForSearch(searchable), edited: true, editedAt: now, pii: personalInfoKinds(searchable) };
  if (input.personalInfo !== undefined) set.personalInfo = input.personalInfo;
  if (input.correction) Object.assign(set, { pendingBody: null, pendingAt: null, personalInfo: false, reviewed: true });
  const updated = await updatedPost(ctx, post, input.version, { $set: set, $inc: { revisionCount: 1 } });
  await keepRevision(ctx, forum, topic, post, input.editor, now, titleChanged ? topic.title : null);
  const topicSet: Partial<ForumTopicDoc> = {};
  if (titleChanged) Object.assign(topicSet, { title, updatedAt: now });
  if (input.correction && post.seq === 1 && (topic.pendingTitle ?? null) !== null) topicSet.pendingTitle = null;
  return { updated, updatedTopic: await updatedTopicOf(ctx, topic, Object.keys(topicSet).length > 0 ? { $set: topicSet } : null) };
}

/**
 * Stores an author's change of a published post as waiting for review: everyone else keeps reading the
 * published text (and searching it) until a moderator approves or rejects it. A newer change replaces it.
 */
export async function changeHolder(
  ctx: ServerContext,
  input: { topic: ForumTopicDoc; post: ForumPostDoc; version: number; body: RichTextDoc; plain: string; title?: string | undefined; personalInfo: boolean },
): Promise<ChangedPost> {
  const { topic, post } = input;
  const title = post.seq === 1 ? (input.title ?? topic.pendingTitle ?? topic.title) : topic.title;
  const updated = await updatedPost(ctx, post, input.version, {
    $set: { pendingBody: input.body, pendingAt: Date.now(), personalInfo: input.personalInfo, pii: personalInfoKinds(searchableOf(post.seq, title, input.plain)) },
  });
  const pendingTitle = post.seq === 1 && title !== topic.title ? title : null;
  const updatedTopic = await updatedTopicOf(ctx, topic, post.seq === 1 && pendingTitle !== (topic.pendingTitle ?? null) ? { $set: { pendingTitle } } : null);
  return { updated, updatedTopic };
}

export type ForumStatusAction = 'approve' | 'reject' | 'hide' | 'delete' | 'restore';

/** Whether a status action applies to a post as stored now (the moderation path checked the item it loaded). */
function applies(action: ForumStatusAction, post: ForumPostDoc): boolean {
  const pendingEdit = (post.pendingBody ?? null) !== null;
  const statuses: Record<ForumStatusAction, readonly ForumPostStatus[]> = {
    approve: pendingEdit ? ['pending', 'published'] : ['pending'],
    reject: pendingEdit ? ['published'] : [],
    hide: ['published'],
    delete: ['published', 'pending', 'hidden'],
    restore: ['hidden', 'deleted'],
  };
  return statuses[action].includes(post.status);
}

/**
 * A moderator's decision on a post, if it is still at the version read and the action applies to its status:
 * - approve publishes a post waiting for its first review (it then counts in its topic, and publishes a pending
 *   topic), or an author's change waiting for review (kept as a revision); never a hidden or deleted post;
 * - reject drops an author's change and keeps the published text;
 * - hide and delete withdraw it; restore brings it back as it was (published, or waiting for review if it never was).
 * Every decision ends the first review: from then on only teachers approve it.
 */
export async function statusChanger(
  ctx: ServerContext,
  input: { forum: SpaceDoc; topic: ForumTopicDoc; post: ForumPostDoc; version: number; action: ForumStatusAction; moderatorId: string },
): Promise<ChangedPost & { firstShown: boolean }> {
  const { forum, topic, post, action } = input;
  if (!applies(action, post)) throw new AppError('CONFLICT', `Cannot ${action} a ${post.status} post`);
  const reviewed = { reviewed: true };
  if (action === 'hide' || action === 'delete') {
    const updated = await updatedPost(ctx, post, input.version, { $set: { ...reviewed, status: action === 'hide' ? 'hidden' : 'deleted', removedById: input.moderatorId } });
    return { updated, updatedTopic: topic, firstShown: false };
  }
  if (action === 'restore') {
    const updated = await updatedPost(ctx, post, input.version, { $set: { ...reviewed, status: post.shown ? 'published' : 'pending', removedById: null } });
    return { updated, updatedTopic: topic, firstShown: false };
  }
  const pendingBody = post.pendingBody ?? null;
  const dropPending = { pendingBody: null, pendingAt: null, personalInfo: false };
  if (action === 'reject') {
    const updated = await updatedPost(ctx, post, input.version, { $set: { ...reviewed, ...dropPending, pii: personalInfoKinds(searchableOf(post.seq, topic.title, richTextToPlain(post.body))) } });
    const updatedTopic = await updatedTopicOf(ctx, topic, post.seq === 1 && (topic.pendingTitle ?? null) !== null ? { $set: { pendingTitle: null } } : null);
    return { updated, updatedTopic, firstShown: false };
  }
  if (pendingBody !== null && post.status === 'published') {
    // The author's change goes live: what everyone read so far becomes a revision.
    const title = post.seq === 1 ? (topic.pendingTitle ?? topic.title) : topic.title;
    const searchable = searchableOf(post.seq, title, richTextToPlain(pendingBody));
    const editedAt = post.pendingAt ?? Date.now();
    const updated = await updatedPost(ctx, post, input.version, {
      $set: { ...reviewed, ...dropPending, body: pendingBody, searchText: foldForSearch(searchable), pii: personalInfoKinds(searchable), edited: true, editedAt },
      $inc: { revisionCount: 1 },
    });
    await keepRevision(ctx, forum, topic, post, { id: post.authorId, name: post.authorName }, editedAt, title !== topic.title ? topic.title : null);
    const updatedTopic = await updatedTopicOf(ctx, topic, post.seq === 1 && (topic.pendingTitle ?? null) !== null ? { $set: { title, pendingTitle: null, updatedAt: Date.now() } } : null);
    return { updated, updatedTopic, firstShown: false };
  }
  // A first publication: it now counts in its topic, and an opening post publishes its topic.
  const firstShown = !post.shown;
  const updated = await updatedPost(ctx, post, input.version, { $set: { ...reviewed, personalInfo: false, status: 'published', shown: true, removedById: null } });
  const updatedTopic = await updatedTopicOf(
    ctx,
    topic,
    firstShown
      ? { $inc: { postCount: 1 }, $max: { lastVisibleSeq: post.seq, lastPostAt: post.createdAt }, ...(post.seq === 1 && topic.status === 'pending' ? { $set: { status: 'published' } } : {}) }
      : null,
  );
  return { updated, updatedTopic, firstShown };
}
