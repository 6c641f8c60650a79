import { AppError } from '../../../shared/errors';
import type { ReasonCode } from '../../../shared/moderation/types';
import { personalInfoHold } from '../../../shared/pii/guard';
import { WALL_MAX_COMMENTS_PER_CARD } from '../../../shared/wall/limits';
import { authorRoleOf, canCommentCard, canDeleteComment } from '../../../shared/wall/policy';
import type { WallComment } from '../../../shared/wall/types';
import { auditedChange } from '../../audit/command';
import { moderationActor } from '../moderation/actor';
import { toModerationConsoles } from '../moderation/consoles';
import { refusal } from '../spaces/access';
import { assertNotMutedIn, type CardSubject, type CommentSubject } from './access';
import { publishComment } from './broadcast';
import { cardTarget, wallEvent, type WallCaller } from './cards';
import { commentItem } from './items';
import { cardsCollection, commentStatus, commentsCollection, presentComment } from './model';
import { nextSeq } from './sequence';

const commentTarget = (comment: { _id: string; authorId: string }) => ({ type: 'wallComment' as const, id: comment._id, ownerId: comment.authorId });

/**
 * Adds a comment (one level) under a published card, where comments are on (the edge asked `comment`). A pupil's
 * comment that seems to hold personal information is held for a teacher's review: seen only by its author and the
 * moderators, in the consoles' « À relire » at once. Held comments are not counted on their card until published.
 */
export async function commentCreator(caller: WallCaller, { space, wall, card }: CardSubject, input: { text: string }): Promise<WallComment> {
  const { ctx, state, origin } = caller;
  if (!canCommentCard(wall.rights, card)) {
    throw await refusal(ctx, state, origin, space, wall.settings.comments ? 'wall:comment:create (card not published)' : 'wall:comment:create (comments are off)', cardTarget(card));
  }
  await assertNotMutedIn(ctx, state, origin, wall, 'wall:comment:create', cardTarget(card));
  const text = input.text.trim();
  const held = personalInfoHold(state.user.profiles, text).length > 0;
  const comment = await auditedChange(ctx, async (record) => {
    const count = await commentsCollection(ctx.store).count({ cardId: card._id, deletedAt: null });
    if (count >= WALL_MAX_COMMENTS_PER_CARD) throw new AppError('VALIDATION', `This card has too many comments (${WALL_MAX_COMMENTS_PER_CARD} at most)`);
    const seq = await nextSeq(ctx, space._id);
    const created = await commentsCollection(ctx.store).insertOne({
      schoolId: space.schoolId,
      spaceId: space._id,
      cardId: card._id,
      authorId: state.user._id,
      authorName: state.user.displayName,
      authorRole: authorRoleOf(state.user.profiles),
      text,
      createdAt: Date.now(),
      seq,
      version: 1,
      status: held ? 'pending' : 'published',
      personalInfo: held,
      deletedAt: null,
      deletedBy: null,
      hiddenBy: null,
    });
    if (!held) await cardsCollection(ctx.store).updateOne({ _id: card._id }, { $inc: { commentCount: 1 } });
    await wallEvent(record, caller, space, 'wall.comment_created', commentTarget(created), { fields: ['text'], after: presentComment(created) }, held ? 'personal information: held for review' : null);
    return created;
  });
  await publishComment(ctx, space, card, null, comment);
  await toModerationConsoles(ctx.services.realtime.io, space, commentItem(comment, space));
  return presentComment(comment);
}

/** Removes a comment: its author (the edge asked `comment`), or a teacher (asked `delete` on it: the moderation path). */
export async function commentDeleter(caller: WallCaller, subject: CommentSubject, input: { reasonCode?: ReasonCode | undefined }): Promise<{ commentId: string }> {
  const { ctx, state, origin } = caller;
  const { space, wall, card, comment, target } = subject;
  if (target) {
    await moderationActor(ctx, target, { state }, { action: 'delete', reasonCode: input.reasonCode ?? 'autre', version: comment.version ?? 1 });
    return { commentId: comment._id };
  }
  if (!canDeleteComment(wall.rights, comment)) {
    throw await refusal(ctx, state, origin, space, 'wall:comment:delete (not allowed on this comment)', commentTarget(comment));
  }
  const removed = await auditedChange(ctx, async (record) => {
    const seq = await nextSeq(ctx, space._id);
    const after = await commentsCollection(ctx.store).findOneAndUpdate({ _id: comment._id, deletedAt: null }, { $set: { deletedAt: Date.now(), deletedBy: state.user._id, seq } }, { returnDocument: 'after' });
    if (!after) throw new AppError('NOT_FOUND', 'Comment not found');
    // Only a published comment that no moderator hid counts on its card.
    if (!after.hiddenBy && commentStatus(after) === 'published') await cardsCollection(ctx.store).updateOne({ _id: card._id }, { $inc: { commentCount: -1 } });
    await wallEvent(record, caller, space, 'wall.comment_deleted', commentTarget(comment), { fields: ['deletedAt'], before: presentComment(comment) });
    return after;
  });
  await publishComment(ctx, space, card, comment, removed);
  return { commentId: comment._id };
}
