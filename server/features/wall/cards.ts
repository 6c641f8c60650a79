import type { AuditOrigin } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import { personalInfoHold } from '../../../shared/pii/guard';
import { WALL_CANVAS_HEIGHT, WALL_CANVAS_WIDTH, WALL_MAX_CARDS } from '../../../shared/wall/limits';
import { authorRoleOf, canDeleteCard, canMoveCard, canReactCard, postsPending, type WallRights } from '../../../shared/wall/policy';
import type { WallSettings } from '../../../shared/wall/settings';
import type { CardRef, CreateCardReq, DeleteCardReq, MoveCardReq, WallCard } from '../../../shared/wall/types';
import { auditedChange, type AuditRecorder } from '../../audit/command';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { newId } from '../../storage/port';
import { blobAttacher, blobDeleter } from '../blobs/service';
import { moderationActor } from '../moderation/actor';
import { toModerationConsoles } from '../moderation/consoles';
import { refusal } from '../spaces/access';
import type { SpaceDoc } from '../spaces/model';
import { assertNotMutedIn, type CardSubject, type WallAccess } from './access';
import { publishCard } from './broadcast';
import { assertNotEmpty, cardAttachment, cardBody, cardLink } from './content';
import { cardItem, cardText, classOf } from './items';
import { cardsCollection, freshCard, presentCard, type CardDoc } from './model';
import { nextSeq } from './sequence';
import { cardBlobIds, cardFacts, cardViewFor } from './views';

/** The operation's caller, where it came from. */
export interface WallCaller {
  ctx: ServerContext;
  state: AuthedRequestState;
  origin: AuditOrigin;
}

export const cardTarget = (card: Pick<CardDoc, '_id' | 'authorId'>) => ({ type: 'wallCard' as const, id: card._id, ownerId: card.authorId });
const wallTarget = (space: SpaceDoc) => ({ type: 'wall' as const, id: space._id, ownerId: space.ownerId });

/** The audit event of one wall operation, recorded in the operation's transaction. */
export function wallEvent(
  record: AuditRecorder,
  { state, origin }: WallCaller,
  space: SpaceDoc,
  event: Parameters<AuditRecorder>[0]['event'],
  target: { type: string; id: string; ownerId: string | null },
  change?: { fields: string[]; before?: unknown; after?: unknown },
  reason: string | null = null,
) {
  return record({ schoolId: space.schoolId, actor: auditActorOf(state), origin, event, target, context: { classId: classOf(space), spaceId: space._id }, change: change ?? null, reason });
}

/** The card as the caller sees it after their own operation. */
export const viewForCaller = (rights: WallRights, card: CardDoc): WallCard => cardViewFor(rights, card) ?? presentCard(card);

/** A section id that exists on the wall, or null (the default column). */
function knownSection(settings: WallSettings, sectionId: string | null | undefined): string | null {
  if (!sectionId) return null;
  return settings.sections.some((section) => section.id === sectionId) ? sectionId : null;
}

const clamp = (value: number, max: number): number => Math.min(Math.max(0, Math.round(value)), max);

/** Where a new card lands on the canvas when its author did not choose: the next cell of a loose grid. */
function defaultPosition(count: number): { x: number; y: number } {
  return { x: clamp(40 + (count % 6) * 280, WALL_CANVAS_WIDTH - 260), y: clamp(40 + Math.floor(count / 6) * 240, WALL_CANVAS_HEIGHT - 200) };
}

/**
 * Creates a card (the edge asked the action the wall's `whoCanPost` gives). It waits for review, seen only by its
 * author and the moderators, when the wall is pre-moderated and its author is not a teacher, or when the
 * personal-information guard holds it; the consoles get it at once either way (their live stream, « À relire »).
 */
export async function cardCreator(caller: WallCaller, wall: WallAccess, input: CreateCardReq): Promise<WallCard> {
  const { ctx, state, origin } = caller;
  const { space } = wall;
  await assertNotMutedIn(ctx, state, origin, wall, 'wall:card:create', wallTarget(space));
  const text = { title: input.title.trim(), body: cardBody(input.body), link: cardLink(input.link) };
  const held = personalInfoHold(state.user.profiles, cardText(text)).length > 0;
  const card = await auditedChange(ctx, async (record) => {
    const cards = cardsCollection(ctx.store);
    const count = await cards.count({ spaceId: space._id, deletedAt: null });
    if (count >= WALL_MAX_CARDS) throw new AppError('VALIDATION', `This wall is full (${WALL_MAX_CARDS} cards at most)`, [{ path: 'spaceId', message: 'wall_full' }]);
    const file = input.attachmentId ? await cardAttachment(ctx, state.user._id, space, input.attachmentId, null) : null;
    const content = { ...text, attachment: file?.attachment ?? null };
    assertNotEmpty(content);
    const pending = postsPending(wall.rights) || held;
    const seq = await nextSeq(ctx, space._id);
    const now = Date.now();
    const created = await cards.insertOne({
      _id: newId(),
      schoolId: space.schoolId,
      spaceId: space._id,
      authorId: state.user._id,
      authorName: state.user.displayName,
      authorRole: authorRoleOf(state.user.profiles),
      ...content,
      color: input.color,
      position: input.position ? { x: clamp(input.position.x, WALL_CANVAS_WIDTH), y: clamp(input.position.y, WALL_CANVAS_HEIGHT) } : defaultPosition(count),
      sectionId: knownSection(wall.settings, input.sectionId ?? wall.settings.sections[0]?.id),
      order: now,
      status: pending ? 'pending' : 'published',
      approvedBy: null,
      publishedAt: pending ? null : now,
      personalInfo: held,
      ...freshCard(seq, now),
    });
    if (file) await blobAttacher(ctx, file.blob, created._id);
    const fields = Object.keys(content).filter((key) => content[key as keyof typeof content]);
    await wallEvent(record, caller, space, 'wall.card_created', cardTarget(created), { fields, after: presentCard(created) }, held ? 'personal information: held for review' : null);
    return created;
  });
  await publishCard(ctx, space, null, card);
  await toModerationConsoles(ctx.services.realtime.io, space, cardItem(card, space));
  return viewForCaller(wall.rights, card);
}

/** Moves a card: canvas position, column, order. Moves do not change the content version (no false conflicts). */
export async function cardMover(caller: WallCaller, { space, wall, card: before }: CardSubject, input: MoveCardReq): Promise<WallCard> {
  const { ctx, state, origin } = caller;
  if (!canMoveCard(wall.rights, cardFacts(before))) throw await refusal(ctx, state, origin, space, 'wall:card:move (not allowed on this card)', cardTarget(before));
  await assertNotMutedIn(ctx, state, origin, wall, 'wall:card:move', cardTarget(before));
  if (input.position === undefined && input.sectionId === undefined && input.order === undefined) throw new AppError('VALIDATION', 'Nothing to move');
  const set: Partial<CardDoc> = {};
  if (input.position) set.position = { x: clamp(input.position.x, WALL_CANVAS_WIDTH), y: clamp(input.position.y, WALL_CANVAS_HEIGHT) };
  if (input.sectionId !== undefined) set.sectionId = knownSection(wall.settings, input.sectionId);
  if (input.order !== undefined) set.order = input.order;
  const updated = await auditedChange(ctx, async (record) => {
    const seq = await nextSeq(ctx, space._id);
    const after = await cardsCollection(ctx.store).findOneAndUpdate({ _id: before._id, deletedAt: null }, { $set: { ...set, seq, updatedAt: Date.now() } }, { returnDocument: 'after' });
    if (!after) throw new AppError('NOT_FOUND', 'Card not found');
    await wallEvent(record, caller, space, 'wall.card_moved', cardTarget(after), { fields: Object.keys(set), before: { position: before.position, sectionId: before.sectionId, order: before.order }, after: set });
    return after;
  });
  await publishCard(ctx, space, before, updated);
  return viewForCaller(wall.rights, updated);
}

/**
 * Deletes a card. A teacher removing someone else's card moderates it: the edge asked `delete` on the item, and
 * it goes through the moderation path (soft delete kept restorable, evidence, reason told to the author).
 * Otherwise (its author, or a classmate under "tout le monde modifie") a tombstone stays for catch-up, and its
 * files are deleted once committed and given back to their owner's quota.
 */
export async function cardDeleter(caller: WallCaller, subject: CardSubject, input: DeleteCardReq): Promise<{ cardId: string }> {
  const { ctx, state, origin } = caller;
  const { space, wall, card: before, target } = subject;
  if (target) {
    await moderationActor(ctx, target, { state }, { action: 'delete', reasonCode: input.reasonCode ?? 'autre', version: before.version });
    return { cardId: before._id };
  }
  if (!canDeleteCard(wall.rights, before)) throw await refusal(ctx, state, origin, space, 'wall:card:delete (not allowed on this card)', cardTarget(before));
  const deleted = await auditedChange(ctx, async (record) => {
    const seq = await nextSeq(ctx, space._id);
    const now = Date.now();
    const after = await cardsCollection(ctx.store).findOneAndUpdate({ _id: before._id, deletedAt: null }, { $set: { deletedAt: now, deletedBy: state.user._id, seq, updatedAt: now } }, { returnDocument: 'after' });
    if (!after) throw new AppError('NOT_FOUND', 'Card not found');
    await wallEvent(record, caller, space, 'wall.card_deleted', cardTarget(before), { fields: ['deletedAt'], before: presentCard(before) });
    return after;
  });
  await publishCard(ctx, space, before, deleted);
  for (const blobId of cardBlobIds(deleted)) await blobDeleter(ctx, blobId);
  return { cardId: before._id };
}

/** The values each reaction type accepts (0 takes one's reaction back). */
const REACTION_VALUES: Record<WallSettings['reaction'], readonly number[]> = { like: [0, 1], star: [0, 1, 2, 3, 4, 5], vote: [-1, 0, 1] };

/** Sets (or takes back) the caller's reaction on a card, in the wall's one reaction type (the edge asked `write`). */
export async function cardReactor(caller: WallCaller, { space, wall, card: before }: CardSubject, input: CardRef & { value: number }): Promise<WallCard> {
  const { ctx, state, origin } = caller;
  if (!canReactCard(wall.rights, before)) throw await refusal(ctx, state, origin, space, 'wall:card:react (card not published)', cardTarget(before));
  await assertNotMutedIn(ctx, state, origin, wall, 'wall:card:react', cardTarget(before));
  if (!REACTION_VALUES[wall.settings.reaction].includes(input.value)) {
    throw new AppError('VALIDATION', `This wall's reaction (${wall.settings.reaction}) does not accept ${input.value}`, [{ path: 'value', message: 'not allowed' }]);
  }
  const updated = await auditedChange(ctx, async (record) => {
    const cards = cardsCollection(ctx.store);
    const seq = await nextSeq(ctx, space._id);
    await cards.updateOne({ _id: before._id }, { $pull: { reactions: { userId: state.user._id } } });
    const update = input.value === 0 ? { $set: { seq } } : { $set: { seq }, $push: { reactions: { userId: state.user._id, value: input.value } } };
    const after = await cards.findOneAndUpdate({ _id: before._id, deletedAt: null }, update, { returnDocument: 'after' });
    if (!after) throw new AppError('NOT_FOUND', 'Card not found');
    await wallEvent(record, caller, space, 'wall.card_reacted', cardTarget(after), { fields: ['reactions'], after: { type: wall.settings.reaction, value: input.value } });
    return after;
  });
  await publishCard(ctx, space, before, updated);
  return viewForCaller(wall.rights, updated);
}

/**
 * Publishes a card waiting for review, or an author's change to it. Approving is a moderation action like any
 * other: the edge asked `approve` on the item (pupil moderators only a first publication of someone else), and
 * it goes through the moderation path (audited there, author told).
 */
export async function cardApprover(caller: WallCaller, subject: CardSubject): Promise<WallCard> {
  const { ctx, state } = caller;
  const { wall, card, target } = subject;
  if (!target) throw new AppError('INTERNAL', 'Approving needs the item');
  await moderationActor(ctx, target, { state }, { action: 'approve', reasonCode: 'autre', version: card.version });
  // The card as now stored (the action bumped its version), for the caller's view.
  const approved = await cardsCollection(ctx.store).findOne({ _id: card._id });
  if (!approved) throw new AppError('NOT_FOUND', 'Card not found');
  return viewForCaller(wall.rights, approved);
}
