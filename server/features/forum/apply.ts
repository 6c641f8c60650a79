import { AppError } from '../../../shared/errors';
import { foldForSearch, type ForumModerationAction } from '../../../shared/forum/types';
import { personalInfoKinds } from '../../../shared/pii/detect';
import { richTextToPlain, validateRichText, type RichTextDoc } from '../../../shared/richtext/validate';
import type { ServerContext } from '../../context';
import type { PreauServer } from '../../realtime/handlers';
import type { SpaceDoc } from '../spaces/model';
import { forumCollections, type ForumPostDoc, type ForumTopicDoc } from './model';
import { broadcastPost, broadcastTopic } from './views';

/** Validates rich text against the editor's schema and returns it with its plain text (refusing an empty post). */
export function cleanBody(input: unknown): { body: RichTextDoc; plain: string } {
  const body = validateRichText(input);
  const plain = richTextToPlain(body).trim();
  if (!plain) throw new AppError('VALIDATION', 'The post is empty', [{ path: 'body', message: 'empty' }]);
  return { body, plain };
}

/** Loads a post of the forum with its topic (NOT_FOUND otherwise). */
export async function loadPostAndTopic(ctx: ServerContext, forum: SpaceDoc, postId: string): Promise<{ post: ForumPostDoc; topic: ForumTopicDoc }> {
  const { posts, topics } = await forumCollections(ctx.store);
  const post = await posts.findOne({ _id: postId, forumId: forum._id });
  const topic = post ? await topics.findOne({ _id: post.topicId }) : null;
  if (!post || !topic) throw new AppError('NOT_FOUND', 'Post not found');
  return { post, topic };
}

/**
 * Replaces a post's content if it is still at the version read, keeping the previous content as a revision
 * (who, when, what it was), then sends everyone their view. Rights and audit are the caller's.
 */
export async function postContentChanger(
  ctx: ServerContext,
  io: PreauServer | null,
  input: { forum: SpaceDoc; topic: ForumTopicDoc; post: ForumPostDoc; version: number; editor: { id: string; name: string }; body: RichTextDoc; plain: string; title?: string | undefined },
): Promise<{ updated: ForumPostDoc; updatedTopic: ForumTopicDoc }> {
  const { forum, topic, post } = input;
  const { posts, topics, revisions } = await forumCollections(ctx.store);
  const now = Date.now();
  const titleChanged = input.title !== undefined && input.title !== topic.title;
  const searchable = post.seq === 1 ? `${input.title ?? topic.title}\n${input.plain}` : input.plain;
  const updated = await posts.findOneAndUpdate(
    { _id: post._id, version: input.version },
    { $set: { body: input.body, searchText: foldForSearch(searchable), edited: true, editedAt: now, pii: personalInfoKinds(searchable) }, $inc: { revisionCount: 1, version: 1 } },
    { returnDocument: 'after' },
  );
  if (!updated) throw new AppError('CONFLICT', 'The post was edited meanwhile: reload it');
  await revisions.insertOne({
    schoolId: forum.schoolId,
    forumId: forum._id,
    topicId: topic._id,
    postId: post._id,
    editorId: input.editor.id,
    editorName: input.editor.name,
    editedAt: now,
    previousBody: post.body,
    previousTitle: titleChanged ? topic.title : null,
  });
  const updatedTopic = titleChanged ? (await topics.findOneAndUpdate({ _id: topic._id }, { $set: { title: input.title, updatedAt: now } }, { returnDocument: 'after' }))! : topic;
  broadcastPost(io, 'forum:postUpdated', updated, updatedTopic);
  if (updatedTopic !== topic) broadcastTopic(io, updatedTopic);
  return { updated, updatedTopic };
}

/**
 * Hides, deletes, restores or approves a post if it is still at the version read: quotes of a removed post
 * stop showing it, a first publication counts in its topic (and publishes a pending topic), and everyone gets
 * their view. Rights and audit are the caller's.
 */
export async function postStatusChanger(
  ctx: ServerContext,
  io: PreauServer | null,
  input: { topic: ForumTopicDoc; post: ForumPostDoc; version: number; action: ForumModerationAction; moderatorId: string },
): Promise<{ updated: ForumPostDoc; updatedTopic: ForumTopicDoc }> {
  const { topic, post, action } = input;
  const { posts, topics } = await forumCollections(ctx.store);
  const removing = action === 'hide' || action === 'delete';
  const publishing = !removing && !post.shown;
  const updated = await posts.findOneAndUpdate(
    { _id: post._id, version: input.version },
    {
      $set: removing ? { status: action === 'hide' ? 'hidden' : 'deleted', removedById: input.moderatorId } : { status: 'published', shown: true, removedById: null },
      $inc: { version: 1 },
    },
    { returnDocument: 'after' },
  );
  if (!updated) throw new AppError('CONFLICT', 'The post changed meanwhile');
  await posts.updateMany({ quotePostId: post._id }, { $set: { 'quote.removed': removing } });
  let updatedTopic = topic;
  if (publishing) {
    updatedTopic = (await topics.findOneAndUpdate(
      { _id: topic._id },
      {
        $inc: { postCount: 1 },
        $max: { lastVisibleSeq: post.seq, lastPostAt: post.createdAt },
        ...(post.seq === 1 && topic.status === 'pending' ? { $set: { status: 'published' } } : {}),
      },
      { returnDocument: 'after' },
    ))!;
  }
  broadcastPost(io, publishing ? 'forum:post' : 'forum:postUpdated', updated, updatedTopic);
  if (updatedTopic !== topic) broadcastTopic(io, updatedTopic);
  return { updated, updatedTopic };
}
