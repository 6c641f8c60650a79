import type { ServerContext } from '../../context';
import type { SpaceDoc } from '../spaces/model';
import { openingPosts } from './forums';
import { forumCollections, type ForumPostDoc, type ForumTopicDoc } from './model';
import { broadcastPosts, broadcastTopic, quotedPosts } from './views';

/** How many quoting posts are sent again when the post they quote changes (a class's topic has far fewer). */
const QUOTES_REFRESHED_MAX = 500;

/**
 * Tells everyone viewing the forum about a post that changed, once the change is committed: the post itself
 * (a first publication arrives as a new post), its topic if it changed, and every reply quoting it, whose
 * quote is read from the post as it is now (corrected, or « message retiré »).
 */
export function postChangePublisher(
  ctx: ServerContext,
  forum: SpaceDoc,
  change: { topic: ForumTopicDoc; updated: ForumPostDoc; updatedTopic: ForumTopicDoc; firstShown?: boolean | undefined },
): () => Promise<void> {
  return async () => {
    const io = ctx.services.realtime.io ?? null;
    if (!io) return;
    const collections = await forumCollections(ctx.store);
    const { topic, updated, updatedTopic } = change;
    await broadcastPosts(io, change.firstShown ? 'forum:post' : 'forum:postUpdated', [updated], updatedTopic, forum, await quotedPosts(collections, [updated]));
    if (updatedTopic !== topic) await broadcastTopic(io, updatedTopic, forum, updated.seq === 1 ? updated : ((await openingPosts(ctx, [updatedTopic])).get(updatedTopic._id) ?? null));
    const quoting = await collections.posts.find({ quotePostId: updated._id }, { sort: { seq: 1 }, limit: QUOTES_REFRESHED_MAX });
    await broadcastPosts(io, 'forum:postUpdated', quoting, updatedTopic, forum, new Map([[updated._id, updated]]));
  };
}
