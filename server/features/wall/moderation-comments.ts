import { AppError } from '../../../shared/errors';
import { WALL_COMMENT_MAX } from '../../../shared/wall/limits';
import type { ServerContext } from '../../context';
import type { Update } from '../../storage/port';
import type { AppliedAction, ContentAction, ModeratorIdentity } from '../moderation/adapters';
import type { SpaceDoc } from '../spaces/model';
import { publishCard, publishComment } from './broadcast';
import { commentItem, commentState } from './items';
import { cardsCollection, commentStatus, commentsCollection, type CommentDoc } from './model';
import { nextSeq } from './sequence';

const conflict = (message: string): AppError => new AppError('CONFLICT', message);

/**
 * The changes an action makes to a comment, and by how much its card's count of published comments changes.
 * Comments have no pre-moderation: only the personal-information guard holds one for review (`pending`), and
 * approving publishes only that; what a moderator hid or deleted comes back by `restore` (teachers only).
 */
function commentUpdate(comment: CommentDoc, action: ContentAction, moderator: ModeratorIdentity, content: unknown, now: number): { update: Update; countDelta: number } {
  const state = commentState(comment);
  switch (action) {
    case 'approve':
      if (state !== 'pending') throw conflict('This comment is not waiting for approval');
      return { update: { $set: { status: 'published', personalInfo: false } }, countDelta: 1 };
    case 'reject':
      throw conflict('A comment has no change waiting for review');
    case 'restore': {
      if (state !== 'hidden' && state !== 'deleted') throw conflict('This comment is already visible');
      if (state === 'deleted' && comment.deletedBy === comment.authorId) throw conflict('Its author deleted this comment');
      // Back to where it was: a comment held for review waits again, a published one is counted again.
      return { update: { $set: { hiddenBy: null, deletedAt: null, deletedBy: null } }, countDelta: commentStatus(comment) === 'published' ? 1 : 0 };
    }
    case 'hide':
      if (state !== 'visible') throw conflict(`This comment is ${state}`);
      return { update: { $set: { hiddenBy: moderator.id } }, countDelta: -1 };
    case 'delete':
      if (state === 'deleted') throw conflict('This comment is already deleted');
      return { update: { $set: { deletedAt: now, deletedBy: moderator.id } }, countDelta: state === 'visible' ? -1 : 0 };
    case 'edit': {
      if (state === 'deleted') throw conflict('This comment is deleted');
      const text = (content as { text?: unknown } | undefined)?.text;
      if (typeof text !== 'string' || text.trim().length === 0 || text.trim().length > WALL_COMMENT_MAX) {
        throw new AppError('VALIDATION', `A comment is text of 1 to ${WALL_COMMENT_MAX} characters`, [{ path: 'content.text', message: 'invalid' }]);
      }
      return { update: { $set: { text: text.trim(), personalInfo: false }, $push: { previousTexts: { text: comment.text, at: now, by: moderator.id } } }, countDelta: 0 };
    }
  }
}

/**
 * Applies a moderation action to a comment, inside the moderation transaction: checks the version, writes the
 * change (and its card's count) with the wall's next operation number, and returns how to tell everyone.
 */
export async function applyToComment(
  ctx: ServerContext,
  { space, itemId, action, version, moderator, content }: { space: SpaceDoc; itemId: string; action: ContentAction; version: number; moderator: ModeratorIdentity; content?: unknown },
): Promise<AppliedAction> {
  const comment = await commentsCollection(ctx.store).findOne({ _id: itemId, spaceId: space._id });
  if (!comment) throw new AppError('NOT_FOUND', 'Comment not found');
  if ((comment.version ?? 1) !== version) throw conflict('This comment changed meanwhile: reload it to see its new state');
  const card = await cardsCollection(ctx.store).findOne({ _id: comment.cardId, spaceId: space._id });
  if (!card) throw new AppError('NOT_FOUND', 'Card not found');
  const now = Date.now();
  const { update, countDelta } = commentUpdate(comment, action, moderator, content, now);
  const seq = await nextSeq(ctx, space._id);
  // Comments written before moderation existed have no version: they are at version 1.
  const versionFilter = version === 1 ? { $or: [{ version: 1 }, { version: { $exists: false } }] } : { version };
  const after = await commentsCollection(ctx.store).findOneAndUpdate(
    { _id: comment._id, spaceId: space._id, ...versionFilter },
    { ...update, $set: { ...(update.$set as object), seq, version: version + 1, moderated: true } },
    { returnDocument: 'after' },
  );
  if (!after) throw conflict('This comment changed meanwhile: reload it to see its new state');
  // The card's count changes with the comment, under the same operation number (a catch-up gets both).
  const counted = countDelta !== 0 ? await cardsCollection(ctx.store).findOneAndUpdate({ _id: card._id }, { $inc: { commentCount: countDelta }, $set: { seq } }, { returnDocument: 'after' }) : null;
  return {
    after: commentItem(after, space),
    async publish() {
      await publishComment(ctx, space, counted ?? card, comment, after);
      if (counted && counted.deletedAt === null) await publishCard(ctx, space, card, counted);
    },
  };
}
