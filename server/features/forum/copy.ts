import type { Profile } from '../../../shared/identity/profiles';
import type { ServerContext } from '../../context';
import { newId } from '../../storage/port';
import type { SpaceDoc } from '../spaces/model';
import type { ContentCopy } from '../wall/copy';
import { forumCollections, type ForumPostDoc, type ForumTopicDoc } from './model';

const STAFF: readonly (Profile | null)[] = ['teacher', 'director', 'staff', 'admin'];

/**
 * Prepares the copy of a forum's published topics and posts: pending, hidden and deleted ones stay behind (a
 * topic whose opening post is not copied is not copied), a change waiting for review is not copied, authors are
 * kept, revisions and read markers are not (a new forum, a new audience). `pupilsContent` false keeps only the
 * teachers' topics and posts. Posts are numbered afresh in each topic; a quote of a post left behind is dropped.
 */
export async function forumContentCopier(ctx: ServerContext, source: SpaceDoc, pupilsContent: boolean): Promise<ContentCopy> {
  const { topics, posts } = await forumCollections(ctx.store);
  const kept = (post: ForumPostDoc): boolean => post.status === 'published' && (pupilsContent || STAFF.includes(post.authorRole));
  const plan: { topic: ForumTopicDoc; posts: ForumPostDoc[] }[] = [];
  for (const topic of await topics.find({ forumId: source._id, status: 'published' }, { sort: { createdAt: 1 } })) {
    const all = await posts.find({ topicId: topic._id }, { sort: { seq: 1 } });
    if (all[0]?.seq !== 1 || !kept(all[0])) continue;
    plan.push({ topic, posts: all.filter(kept) });
  }
  return {
    items: plan.reduce((sum, entry) => sum + entry.posts.length, 0),
    files: 0,
    discard: async () => undefined,
    async write(target) {
      const newIds = new Map<string, { id: string; seq: number }>();
      for (const entry of plan) {
        const topicId = newId();
        const last = entry.posts.at(-1)!;
        const { _id: _topic, ...topic } = entry.topic;
        await topics.insertOne({
          ...topic,
          _id: topicId,
          schoolId: target.schoolId,
          forumId: target._id,
          pendingTitle: null,
          seqCounter: entry.posts.length,
          lastVisibleSeq: entry.posts.length,
          postCount: entry.posts.length,
          lastPostAt: last.createdAt,
        });
        let seq = 0;
        for (const post of entry.posts) {
          seq += 1;
          const id = newId();
          newIds.set(post._id, { id, seq });
          const quoted = post.quote ? newIds.get(post.quote.postId) : undefined;
          const { _id: _post, ...rest } = post;
          await posts.insertOne({
            ...rest,
            _id: id,
            schoolId: target.schoolId,
            forumId: target._id,
            topicId,
            seq,
            quote: quoted && post.quote ? { ...post.quote, postId: quoted.id, seq: quoted.seq } : null,
            quotePostId: quoted?.id ?? '',
            pendingBody: null,
            pendingAt: null,
            personalInfo: false,
            removedById: null,
            version: 1,
          });
        }
      }
    },
  };
}
