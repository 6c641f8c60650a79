import { AppError } from '../../../shared/errors';
import type { ItemState, ModeratedItemView } from '../../../shared/moderation/types';
import { plainToRichText, richTextToPlain, type RichTextDoc } from '../../../shared/richtext/validate';
import type { ServerContext } from '../../context';
import { registerModerationAdapter, type ModeratedItem } from '../moderation/adapters';
import type { SpaceDoc } from '../spaces/model';
import { loadSpace } from '../spaces/service';
import { cleanBody, loadPostAndTopic, postContentChanger, postStatusChanger } from './apply';
import { forumCollections, type ForumPostDoc } from './model';


const STATE: Record<ForumPostDoc['status'], ItemState> = { published: 'visible', pending: 'pending', hidden: 'hidden', deleted: 'deleted' };

/** A forum post as the moderation console sees it. */
export function forumItemView(doc: ForumPostDoc, forum: SpaceDoc): ModeratedItemView {
  return {
    kind: 'forumPost',
    id: doc._id,
    spaceId: doc.forumId,
    classId: forum.scope.kind === 'class' ? forum.scope.classId : null,
    authorId: doc.authorId,
    authorName: doc.authorName,
    state: STATE[doc.status],
    version: doc.version,
    excerpt: richTextToPlain(doc.body).trim().slice(0, 200),
    createdAt: doc.createdAt,
  };
}

async function forumOfPost(ctx: ServerContext, doc: ForumPostDoc): Promise<SpaceDoc> {
  return loadSpace(ctx, doc.forumId, doc.schoolId);
}

/**
 * The forum's adapter for the moderation console (reports, claims, reasons, evidence and audit happen there).
 * An edit from the console keeps a revision like any other edit.
 */
registerModerationAdapter({
  kind: 'forumPost',
  async load(ctx, spaceId, itemId): Promise<ModeratedItem | null> {
    const doc = await (await forumCollections(ctx.store)).posts.findOne({ _id: itemId, forumId: spaceId });
    if (!doc) return null;
    return { ...forumItemView(doc, await forumOfPost(ctx, doc)), schoolId: doc.schoolId, content: { body: doc.body } };
  },
  async apply(ctx, { item, action, version, state, content }) {
    const forum = await loadSpace(ctx, item.spaceId, item.schoolId);
    const { post, topic } = await loadPostAndTopic(ctx, forum, item.id);
    const io = ctx.services.realtime.io;
    if (action === 'edit') {
      const { body, plain } = cleanBody((content as { body?: unknown } | undefined)?.body);
      const { updated } = await postContentChanger(ctx, io, { forum, topic, post, version, editor: { id: state.user._id, name: state.user.displayName }, body, plain });
      return forumItemView(updated, forum);
    }
    const status = action === 'approve' || action === 'restore' ? 'approve' : action;
    if (status === 'approve' && post.status === 'published') throw new AppError('CONFLICT', 'The post is already published');
    const { updated } = await postStatusChanger(ctx, io, { topic, post, version, action: status, moderatorId: state.user._id });
    return forumItemView(updated, forum);
  },
  async recent(ctx, space, limit) {
    if (space.kind !== 'forum') return [];
    const docs = await (await forumCollections(ctx.store)).posts.find({ forumId: space._id }, { sort: { createdAt: -1 }, limit });
    return docs.map((doc) => forumItemView(doc, space));
  },
  plainText: (item) => richTextToPlain(item.content.body as RichTextDoc).trimEnd(),
  fromPlainText: (text) => ({ body: plainToRichText(text) }),
  async pending(ctx, spaceId) {
    const docs = await (await forumCollections(ctx.store)).posts.find({ forumId: spaceId, status: { $in: ['pending', 'hidden'] } }, { sort: { createdAt: 1 }, limit: 200 });
    if (docs.length === 0) return [];
    const forum = await forumOfPost(ctx, docs[0]!);
    return docs.map((doc) => forumItemView(doc, forum));
  },
});
