import { AppError } from '../../../shared/errors';
import type { ReasonCode } from '../../../shared/moderation/types';
import { WALL_MAX_COMMENTS_PER_CARD } from '../../../shared/wall/limits';
import { authorRoleOf, canCommentCard, canDeleteComment, canSeeCard, canSeeComment } from '../../../shared/wall/policy';
import type { WallComment } from '../../../shared/wall/types';
import { assertNotMuted } from '../moderation/mutes';
import { moderationActor } from '../moderation/socket';
import { loadWall, refuse } from './access';
import { auditWall } from './audit';
import { broadcastComment, broadcastCommentDeleted } from './broadcast';
import { loadCard, type WallCaller } from './cards';
import { cardsCollection, commentsCollection, ensureWallIndexes, presentComment } from './model';
import { wallCommentView, wallToConsoles } from './moderation';
import { nextSeq, serialized } from './sequence';

/** Adds a comment (one level) under a published card, where comments are on and the caller may comment. */
export async function commentCreator(caller: WallCaller, input: { spaceId: string; cardId: string; text: string }): Promise<WallComment> {
  const { ctx, state, origin } = caller;
  await ensureWallIndexes(ctx.store);
  const wall = await loadWall(ctx, state, input.spaceId);
  const card = await loadCard(caller, wall, input.cardId, 'wall:comment:create');
  if (!canCommentCard(wall.rights, card)) {
    await refuse(ctx, state, origin, wall, wall.settings.comments ? 'wall:comment:create' : 'wall:comment:create (comments are off)', { type: 'wallCard', id: card._id, ownerId: card.authorId });
  }
  await assertNotMuted(ctx, state, origin, wall.space, 'wall:comment:create', { type: 'wallCard', id: card._id, ownerId: card.authorId });
  return serialized(wall.space._id, async (persisted) => {
    if (card.commentCount >= WALL_MAX_COMMENTS_PER_CARD) throw new AppError('VALIDATION', `This card has too many comments (${WALL_MAX_COMMENTS_PER_CARD} at most)`);
    const seq = await nextSeq(ctx, wall.space._id);
    const comment = await commentsCollection(ctx.store).insertOne({
      schoolId: wall.space.schoolId,
      spaceId: wall.space._id,
      cardId: card._id,
      authorId: state.user._id,
      authorName: state.user.displayName,
      authorRole: authorRoleOf(state.user.profiles),
      text: input.text.trim(),
      createdAt: Date.now(),
      seq,
      version: 1,
      deletedAt: null,
      deletedBy: null,
      hiddenBy: null,
    });
    await cardsCollection(ctx.store).updateOne({ _id: card._id }, { $inc: { commentCount: 1 } });
    persisted();
    const presented = presentComment(comment);
    await auditWall(ctx, state, origin, wall, 'wall.comment_created', { type: 'wallComment', id: comment._id, ownerId: state.user._id }, { fields: ['text'], after: presented });
    await broadcastComment(ctx, wall, card, presented);
    wallToConsoles(ctx, wall, wallCommentView(comment, wall.space));
    return presented;
  });
}

/** Removes a comment: its author, or a teacher (that is moderation: it goes through the moderation path). */
export async function commentDeleter(caller: WallCaller, input: { spaceId: string; commentId: string; reasonCode?: ReasonCode | undefined }): Promise<{ commentId: string }> {
  const { ctx, state, origin } = caller;
  await ensureWallIndexes(ctx.store);
  const wall = await loadWall(ctx, state, input.spaceId);
  const comment = await commentsCollection(ctx.store).findOne({ _id: input.commentId, spaceId: wall.space._id, deletedAt: null });
  const card = comment ? await cardsCollection(ctx.store).findOne({ _id: comment.cardId, deletedAt: null }) : null;
  if (!comment || !card || !canSeeCard(wall.rights, card) || !canSeeComment(wall.rights, { authorId: comment.authorId, hidden: Boolean(comment.hiddenBy) })) {
    throw new AppError('NOT_FOUND', 'Comment not found');
  }
  const target = { type: 'wallComment' as const, id: comment._id, ownerId: comment.authorId };
  if (!canDeleteComment(wall.rights, comment)) await refuse(ctx, state, origin, wall, 'wall:comment:delete (not allowed on this comment)', target);
  if (comment.authorId !== state.user._id) {
    const action = { kind: 'wallComment' as const, itemId: comment._id, spaceId: wall.space._id, action: 'delete' as const, reasonCode: input.reasonCode ?? 'autre', version: comment.version ?? 1 };
    await moderationActor(ctx, ctx.services.realtime.io, state, action);
    return { commentId: comment._id };
  }
  return serialized(wall.space._id, async (persisted) => {
    const seq = await nextSeq(ctx, wall.space._id);
    const removed = await commentsCollection(ctx.store).updateOne({ _id: comment._id, deletedAt: null }, { $set: { deletedAt: Date.now(), deletedBy: state.user._id, seq } });
    if (removed.modifiedCount === 0) throw new AppError('NOT_FOUND', 'Comment not found');
    // A hidden comment was already taken out of its card's count.
    if (!comment.hiddenBy) await cardsCollection(ctx.store).updateOne({ _id: card._id }, { $inc: { commentCount: -1 } });
    persisted();
    await auditWall(ctx, state, origin, wall, 'wall.comment_deleted', target, { fields: ['deletedAt'], before: presentComment(comment) });
    broadcastCommentDeleted(ctx, wall, { cardId: card._id, commentId: comment._id, seq });
    return { commentId: comment._id };
  });
}
