import type { AuditOrigin } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import { WALL_CANVAS_HEIGHT, WALL_CANVAS_WIDTH, WALL_MAX_CARDS } from '../../../shared/wall/limits';
import {
  authorRoleOf,
  canApproveCard,
  canDeleteCard,
  canEditCard,
  canMoveCard,
  canReactCard,
  canSeeCard,
  moderatesCard,
  postsPending,
} from '../../../shared/wall/policy';
import type { CardRef, CreateCardReq, DeleteCardReq, EditCardReq, MoveCardReq, WallCard } from '../../../shared/wall/types';
import type { WallSettings } from '../../../shared/wall/settings';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { newId } from '../../storage/port';
import { deny } from '../auth/runtime';
import { blobAttacher, blobDeleter } from '../blobs/service';
import { assertNotMuted } from '../moderation/mutes';
import { moderationActor } from '../moderation/socket';
import { loadWall, refuse, type WallAccess } from './access';
import { auditWall } from './audit';
import { broadcastCard, broadcastCardDeleted, broadcastLock } from './broadcast';
import { assertNotEmpty, cardAttachment, cardBody, cardLink } from './content';
import { freeLock, softLocks } from './locks';
import { cardsCollection, ensureWallIndexes, presentCard, type CardDoc } from './model';
import { wallCardView, wallToConsoles } from './moderation';
import { nextSeq, serialized } from './sequence';

/** The operation's caller, where it came from. */
export interface WallCaller {
  ctx: ServerContext;
  state: AuthedRequestState;
  origin: AuditOrigin;
}

const cardTarget = (card: CardDoc) => ({ type: 'wallCard' as const, id: card._id, ownerId: card.authorId });
const wallTarget = (wall: WallAccess) => ({ type: 'wall' as const, id: wall.space._id, ownerId: wall.space.ownerId });

/**
 * Loads a live card of a wall that the caller can see. A card hidden from the caller (pending approval) answers
 * NOT_FOUND, so its existence does not leak, but the attempt is still audited as a denial.
 */
export async function loadCard(caller: WallCaller, wall: WallAccess, cardId: string, action: string): Promise<CardDoc> {
  const card = await cardsCollection(caller.ctx.store).findOne({ _id: cardId, spaceId: wall.space._id, deletedAt: null });
  if (card && !canSeeCard(wall.rights, card)) {
    await deny(caller.ctx, caller.state, caller.origin, 'FORBIDDEN', { action: `${action} (hidden card)`, target: cardTarget(card), classId: wall.classId, spaceId: wall.space._id });
  }
  if (!card || !canSeeCard(wall.rights, card)) throw new AppError('NOT_FOUND', 'Card not found');
  return card;
}

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

/** Creates a card; pupils' cards wait for approval when the wall is pre-moderated. */
export async function cardCreator({ ctx, state, origin }: WallCaller, input: CreateCardReq): Promise<WallCard> {
  await ensureWallIndexes(ctx.store);
  const wall = await loadWall(ctx, state, input.spaceId);
  if (!wall.rights.post) await refuse(ctx, state, origin, wall, 'wall:card:create (post)');
  await assertNotMuted(ctx, state, origin, wall.space, 'wall:card:create', wallTarget(wall));
  return serialized(wall.space._id, async (persisted) => {
    const cards = cardsCollection(ctx.store);
    const count = await cards.count({ spaceId: wall.space._id, deletedAt: null });
    if (count >= WALL_MAX_CARDS) throw new AppError('VALIDATION', `This wall is full (${WALL_MAX_CARDS} cards at most)`, [{ path: 'spaceId', message: 'wall_full' }]);
    const id = newId();
    const file = input.attachmentId ? await cardAttachment(ctx, state, wall, input.attachmentId, null) : null;
    const content = { title: input.title.trim(), body: cardBody(input.body), link: cardLink(input.link), attachment: file?.attachment ?? null };
    assertNotEmpty(content);
    const seq = await nextSeq(ctx, wall.space._id);
    const now = Date.now();
    const card = await cards.insertOne({
      _id: id,
      schoolId: wall.space.schoolId,
      spaceId: wall.space._id,
      authorId: state.user._id,
      authorName: state.user.displayName,
      authorRole: authorRoleOf(state.user.profiles),
      ...content,
      color: input.color,
      position: input.position ? { x: clamp(input.position.x, WALL_CANVAS_WIDTH), y: clamp(input.position.y, WALL_CANVAS_HEIGHT) } : defaultPosition(count),
      sectionId: knownSection(wall.settings, input.sectionId ?? wall.settings.sections[0]?.id),
      order: now,
      status: postsPending(wall.rights) ? 'pending' : 'published',
      approvedBy: null,
      reactions: [],
      commentCount: 0,
      version: 1,
      seq,
      editorName: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      deletedBy: null,
    });
    if (file) await blobAttacher(ctx, file.blob, card._id);
    persisted();
    const presented = presentCard(card);
    await auditWall(ctx, state, origin, wall, 'wall.card_created', cardTarget(card), { fields: Object.keys(content).filter((k) => content[k as keyof typeof content]), after: presented });
    await broadcastCard(ctx, wall, presented);
    wallToConsoles(ctx, wall, wallCardView(card, wall.space));
    return presented;
  });
}

/**
 * Edits a card's content. The edit names the version it started from: when someone changed the card meanwhile,
 * it is refused with CONFLICT and nothing is written (the client offers to reload and re-apply).
 */
export async function cardEditor(caller: WallCaller, input: EditCardReq): Promise<WallCard> {
  const { ctx, state, origin } = caller;
  await ensureWallIndexes(ctx.store);
  const wall = await loadWall(ctx, state, input.spaceId);
  const before = await loadCard(caller, wall, input.cardId, 'wall:card:edit');
  if (!canEditCard(wall.rights, before)) await refuse(ctx, state, origin, wall, 'wall:card:edit (not allowed on this card)', cardTarget(before));
  await assertNotMuted(ctx, state, origin, wall.space, 'wall:card:edit', cardTarget(before));
  return serialized(wall.space._id, async (persisted) => {
    const changes = input.changes;
    const set: Partial<CardDoc> = {};
    let file: Awaited<ReturnType<typeof cardAttachment>> | null = null;
    if (changes.title !== undefined) set.title = changes.title.trim();
    if (changes.body !== undefined) set.body = cardBody(changes.body);
    if (changes.link !== undefined) set.link = cardLink(changes.link);
    if (changes.color !== undefined) set.color = changes.color;
    if (changes.attachmentId !== undefined) {
      file = changes.attachmentId ? await cardAttachment(ctx, state, wall, changes.attachmentId, before._id) : null;
      set.attachment = file?.attachment ?? null;
    }
    assertNotEmpty({ title: set.title ?? before.title, body: set.body !== undefined ? set.body : before.body, link: set.link !== undefined ? set.link : before.link, attachment: set.attachment !== undefined ? set.attachment : before.attachment });
    const seq = await nextSeq(ctx, wall.space._id);
    const byAuthor = before.authorId === state.user._id;
    const now = Date.now();
    // Someone else's change (a teacher, or a classmate under "tout le monde modifie") keeps the previous content.
    const revision = byAuthor ? {} : { $push: { revisions: { title: before.title, body: before.body, link: before.link, at: now, by: state.user._id } } };
    const updated = await cardsCollection(ctx.store).findOneAndUpdate(
      { _id: before._id, spaceId: wall.space._id, version: input.version, deletedAt: null },
      { $set: { ...set, seq, updatedAt: now, editorName: byAuthor ? before.editorName : state.user.displayName }, $inc: { version: 1 }, ...revision },
      { returnDocument: 'after' },
    );
    if (!updated) {
      const current = await cardsCollection(ctx.store).findOne({ _id: before._id, deletedAt: null });
      if (!current) throw new AppError('NOT_FOUND', 'Card not found');
      throw new AppError('CONFLICT', `This card was changed meanwhile (now at version ${current.version}): reload it and apply your changes again`, [
        { path: 'version', message: String(current.version) },
      ]);
    }
    if (file && file.blob.attachedTo !== updated._id) await blobAttacher(ctx, file.blob, updated._id);
    const oldBlob = before.attachment?.blobId;
    if (oldBlob && set.attachment !== undefined && set.attachment?.blobId !== oldBlob) await blobDeleter(ctx, oldBlob);
    persisted();
    const presented = presentCard(updated);
    await auditWall(ctx, state, origin, wall, 'wall.card_edited', cardTarget(updated), { fields: Object.keys(set), before: presentCard(before), after: presented });
    await broadcastCard(ctx, wall, presented);
    return presented;
  });
}

/** Moves a card: canvas position, column, order. Moves do not change the content version (no false conflicts). */
export async function cardMover(caller: WallCaller, input: MoveCardReq): Promise<WallCard> {
  const { ctx, state, origin } = caller;
  await ensureWallIndexes(ctx.store);
  const wall = await loadWall(ctx, state, input.spaceId);
  const before = await loadCard(caller, wall, input.cardId, 'wall:card:move');
  if (!canMoveCard(wall.rights, before)) await refuse(ctx, state, origin, wall, 'wall:card:move (not allowed on this card)', cardTarget(before));
  await assertNotMuted(ctx, state, origin, wall.space, 'wall:card:move', cardTarget(before));
  if (input.position === undefined && input.sectionId === undefined && input.order === undefined) throw new AppError('VALIDATION', 'Nothing to move');
  return serialized(wall.space._id, async (persisted) => {
    const set: Partial<CardDoc> = {};
    if (input.position) set.position = { x: clamp(input.position.x, WALL_CANVAS_WIDTH), y: clamp(input.position.y, WALL_CANVAS_HEIGHT) };
    if (input.sectionId !== undefined) set.sectionId = knownSection(wall.settings, input.sectionId);
    if (input.order !== undefined) set.order = input.order;
    const seq = await nextSeq(ctx, wall.space._id);
    const updated = await cardsCollection(ctx.store).findOneAndUpdate({ _id: before._id, deletedAt: null }, { $set: { ...set, seq, updatedAt: Date.now() } }, { returnDocument: 'after' });
    if (!updated) throw new AppError('NOT_FOUND', 'Card not found');
    persisted();
    const presented = presentCard(updated);
    await auditWall(ctx, state, origin, wall, 'wall.card_moved', cardTarget(updated), { fields: Object.keys(set), before: { position: before.position, sectionId: before.sectionId, order: before.order }, after: set });
    await broadcastCard(ctx, wall, presented);
    return presented;
  });
}

/**
 * Deletes a card (a tombstone stays for catch-up; its file is deleted and given back to its owner's quota). A
 * teacher removing someone else's card moderates it: that goes through the moderation path (soft delete kept
 * restorable, evidence, reason told to the author).
 */
export async function cardDeleter(caller: WallCaller, input: DeleteCardReq): Promise<{ cardId: string }> {
  const { ctx, state, origin } = caller;
  await ensureWallIndexes(ctx.store);
  const wall = await loadWall(ctx, state, input.spaceId);
  const before = await loadCard(caller, wall, input.cardId, 'wall:card:delete');
  if (!canDeleteCard(wall.rights, before)) await refuse(ctx, state, origin, wall, 'wall:card:delete (not allowed on this card)', cardTarget(before));
  if (moderatesCard(wall.rights, before)) {
    const action = { kind: 'wallCard' as const, itemId: before._id, spaceId: wall.space._id, action: 'delete' as const, reasonCode: input.reasonCode ?? 'autre', version: before.version };
    await moderationActor(ctx, ctx.services.realtime.io, state, action);
    return { cardId: before._id };
  }
  return serialized(wall.space._id, async (persisted) => {
    const seq = await nextSeq(ctx, wall.space._id);
    const now = Date.now();
    const deleted = await cardsCollection(ctx.store).findOneAndUpdate({ _id: before._id, deletedAt: null }, { $set: { deletedAt: now, deletedBy: state.user._id, seq, updatedAt: now } });
    if (!deleted) throw new AppError('NOT_FOUND', 'Card not found');
    persisted();
    if (before.attachment) await blobDeleter(ctx, before.attachment.blobId);
    await auditWall(ctx, state, origin, wall, 'wall.card_deleted', cardTarget(before), { fields: ['deletedAt'], before: presentCard(before) });
    broadcastCardDeleted(ctx, wall, { cardId: before._id, seq });
    if (softLocks.release(before._id, null)) broadcastLock(ctx, freeLock(wall.space._id, before._id));
    return { cardId: before._id };
  });
}

/** The values each reaction type accepts (0 takes one's reaction back). */
const REACTION_VALUES: Record<WallSettings['reaction'], readonly number[]> = { like: [0, 1], star: [0, 1, 2, 3, 4, 5], vote: [-1, 0, 1] };

/** Sets (or takes back) the caller's reaction on a card, in the wall's one reaction type. */
export async function cardReactor(caller: WallCaller, input: CardRef & { value: number }): Promise<WallCard> {
  const { ctx, state, origin } = caller;
  await ensureWallIndexes(ctx.store);
  const wall = await loadWall(ctx, state, input.spaceId);
  const before = await loadCard(caller, wall, input.cardId, 'wall:card:react');
  if (!canReactCard(wall.rights, before)) await refuse(ctx, state, origin, wall, 'wall:card:react', cardTarget(before));
  await assertNotMuted(ctx, state, origin, wall.space, 'wall:card:react', cardTarget(before));
  if (!REACTION_VALUES[wall.settings.reaction].includes(input.value)) {
    throw new AppError('VALIDATION', `This wall's reaction (${wall.settings.reaction}) does not accept ${input.value}`, [{ path: 'value', message: 'not allowed' }]);
  }
  return serialized(wall.space._id, async (persisted) => {
    const cards = cardsCollection(ctx.store);
    const seq = await nextSeq(ctx, wall.space._id);
    await cards.updateOne({ _id: before._id }, { $pull: { reactions: { userId: state.user._id } } });
    const update = input.value === 0 ? { $set: { seq } } : { $set: { seq }, $push: { reactions: { userId: state.user._id, value: input.value } } };
    const updated = await cards.findOneAndUpdate({ _id: before._id, deletedAt: null }, update, { returnDocument: 'after' });
    if (!updated) throw new AppError('NOT_FOUND', 'Card not found');
    persisted();
    const presented = presentCard(updated);
    await auditWall(ctx, state, origin, wall, 'wall.card_reacted', cardTarget(updated), { fields: ['reactions'], after: { type: wall.settings.reaction, value: input.value } });
    await broadcastCard(ctx, wall, presented);
    return presented;
  });
}

/**
 * Publishes a pending card (pre-moderation): from now on everyone who reads the wall sees it. Approving is a
 * moderation action like any other, so it goes through the moderation path (audited there, author told).
 */
export async function cardApprover(caller: WallCaller, input: CardRef): Promise<WallCard> {
  const { ctx, state, origin } = caller;
  await ensureWallIndexes(ctx.store);
  const wall = await loadWall(ctx, state, input.spaceId);
  const before = await loadCard(caller, wall, input.cardId, 'wall:card:approve');
  if (!wall.rights.moderate) await refuse(ctx, state, origin, wall, 'wall:card:approve (moderators only)', cardTarget(before));
  if (!canApproveCard(wall.rights, before)) return presentCard(before);
  await moderationActor(ctx, ctx.services.realtime.io, state, { kind: 'wallCard', itemId: before._id, spaceId: wall.space._id, action: 'approve', reasonCode: 'autre', version: before.version });
  const approved = await cardsCollection(ctx.store).findOne({ _id: before._id });
  if (!approved) throw new AppError('NOT_FOUND', 'Card not found');
  return presentCard(approved);
}
