import { AppError } from '../../../shared/errors';
import { personalInfoHold } from '../../../shared/pii/guard';
import { canEditCard, postsPending } from '../../../shared/wall/policy';
import type { EditCardReq, WallCard } from '../../../shared/wall/types';
import { auditedChange } from '../../audit/command';
import type { Update } from '../../storage/port';
import { blobAttacher } from '../blobs/service';
import { moderationActor } from '../moderation/actor';
import { toModerationConsoles } from '../moderation/consoles';
import { refusal } from '../spaces/access';
import { assertNotMutedIn, type CardSubject } from './access';
import { publishCard } from './broadcast';
import { cardTarget, viewForCaller, wallEvent, type WallCaller } from './cards';
import { assertNotEmpty, cardAttachment, cardBody, cardLink } from './content';
import { cardItem, cardText } from './items';
import { cardsCollection, publishedContent, type CardContent, type CardDoc } from './model';
import { nextSeq } from './sequence';
import { seesPendingChange } from './views';

const staleCard = (current: CardDoc | null): AppError => {
  if (!current) return new AppError('NOT_FOUND', 'Card not found');
  return new AppError('CONFLICT', `This card was changed meanwhile (now at version ${current.version}): reload it and apply your changes again`, [
    { path: 'version', message: String(current.version) },
  ]);
};

/** The text fields of an edit, applied on top of what the editor saw (the attachment is resolved in the transaction). */
function editedText(base: CardContent, changes: EditCardReq['changes']): Omit<CardContent, 'attachment'> {
  return {
    title: changes.title !== undefined ? changes.title.trim() : base.title,
    body: changes.body !== undefined ? cardBody(changes.body) : base.body,
    link: changes.link !== undefined ? cardLink(changes.link) : base.link,
    color: changes.color ?? base.color,
  };
}

/**
 * Edits a card. The edit names the version it started from: when someone changed the card meanwhile, it is
 * refused with CONFLICT and nothing is written (the client offers to reload and re-apply).
 *
 * - A teacher changing someone else's card moderates it (the edge asked `edit` on the item): the moderation
 *   path keeps the original as evidence, tells the author, drops any change waiting for review.
 * - A card still waiting for review (its first one, or hidden) is seen by its author and the moderators only:
 *   the edit just replaces its content.
 * - A published card's change waits for review, the published card staying as it is for everyone else, when the
 *   wall is pre-moderated and the editor is not a teacher (pupil moderators included), or when the
 *   personal-information guard holds it. Otherwise it is published at once.
 */
export async function cardEditor(caller: WallCaller, subject: CardSubject, input: EditCardReq): Promise<WallCard> {
  const { ctx, state, origin } = caller;
  const { space, wall, card: before, target } = subject;
  if (target) {
    // Authorized on the item at the edge: a stale edit is told the current version, as an author's would be.
    if (input.version !== before.version) throw staleCard(before);
    await moderationActor(ctx, target, { state }, { action: 'edit', reasonCode: input.reasonCode ?? 'autre', version: input.version, content: input.changes });
    return viewForCaller(wall.rights, (await cardsCollection(ctx.store).findOne({ _id: before._id })) ?? before);
  }
  if (!canEditCard(wall.rights, before)) throw await refusal(ctx, state, origin, space, 'wall:card:edit (not allowed on this card)', cardTarget(before));
  await assertNotMutedIn(ctx, state, origin, wall, 'wall:card:edit', cardTarget(before));
  if (input.version !== before.version) throw staleCard(before);

  // What the editor saw: the change waiting for review when they see it (its authors, moderators), else the card.
  const base: CardContent = seesPendingChange(wall.rights, before) ? before.pendingChange! : publishedContent(before);
  const text = editedText(base, input.changes);
  const held = personalInfoHold(state.user.profiles, cardText(text)).length > 0;
  const byAuthor = before.authorId === state.user._id;

  const updated = await auditedChange(ctx, async (record) => {
    const { attachmentId } = input.changes;
    const file = attachmentId ? await cardAttachment(ctx, state.user._id, space, attachmentId, before._id) : null;
    const next: CardContent = { ...text, attachment: attachmentId === undefined ? base.attachment : (file?.attachment ?? null) };
    assertNotEmpty(next);
    const seq = await nextSeq(ctx, space._id);
    const now = Date.now();
    let update: Update;
    let reason: string | null = null;
    if (before.status === 'pending') {
      update = { $set: { ...next, pendingChange: null, personalInfo: held } };
    } else if (postsPending(wall.rights) || held) {
      update = { $set: { pendingChange: { ...next, by: state.user._id, byName: state.user.displayName, at: now }, personalInfo: held } };
      reason = held ? 'personal information: change held for review' : 'pre-moderation: change held for review';
    } else {
      // Someone else's change (a classmate under "tout le monde modifie") keeps the previous content.
      const revision = byAuthor ? {} : { $push: { revisions: { title: before.title, body: before.body, link: before.link, at: now, by: state.user._id } } };
      update = { $set: { ...next, pendingChange: null, personalInfo: false, editorName: byAuthor ? before.editorName : state.user.displayName }, ...revision };
    }
    const after = await cardsCollection(ctx.store).findOneAndUpdate(
      { _id: before._id, spaceId: space._id, version: input.version, deletedAt: null },
      { ...update, $set: { ...(update.$set as object), seq, updatedAt: now }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    if (!after) throw staleCard(await cardsCollection(ctx.store).findOne({ _id: before._id, deletedAt: null }));
    if (file && file.blob.attachedTo !== after._id) await blobAttacher(ctx, file.blob, after._id);
    await wallEvent(record, caller, space, 'wall.card_edited', cardTarget(after), { fields: Object.keys(input.changes), before: base, after: next }, reason);
    return after;
  });
  await publishCard(ctx, space, before, updated);
  // A change waiting for review (or an edited card still waiting) is in the consoles' « À relire » at once.
  if (updated.status === 'pending' || updated.pendingChange) await toModerationConsoles(ctx.services.realtime.io, space, cardItem(updated, space));
  return viewForCaller(wall.rights, updated);
}
