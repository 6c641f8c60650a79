import { AppError } from '../../../shared/errors';
import { WALL_LINK_MAX, WALL_TITLE_MAX } from '../../../shared/wall/limits';
import { WALL_COLORS, type WallColor } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import type { Update } from '../../storage/port';
import { blobAttacher } from '../blobs/service';
import type { BlobDoc } from '../blobs/model';
import type { AppliedAction, ContentAction, ModeratorIdentity } from '../moderation/adapters';
import type { SpaceDoc } from '../spaces/model';
import { publishCard } from './broadcast';
import { assertNotEmpty, cardAttachment, cardBody, cardLink } from './content';
import { cardItem, cardState } from './items';
import { cardsCollection, type CardContent, type CardDoc } from './model';
import { nextSeq } from './sequence';

const conflict = (message: string): AppError => new AppError('CONFLICT', message);
const invalid = (path: string, message: string): AppError => new AppError('VALIDATION', message, [{ path: `content.${path}`, message: 'invalid' }]);

function validLink(value: unknown): CardContent['link'] {
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > WALL_LINK_MAX) throw invalid('link', 'A link is an http(s) URL');
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw invalid('link', 'A link is an http(s) URL');
  }
  return cardLink(value.trim());
}

/**
 * A teacher's correction of a card: from the console (`{ body }` from plain text) or from the wall's editor
 * (`{ title, body, link, color, attachmentId }`). Each field given is validated as a card's; the others stay.
 */
async function correctedContent(ctx: ServerContext, space: SpaceDoc, card: CardDoc, moderator: ModeratorIdentity, content: unknown): Promise<{ next: CardContent; file: BlobDoc | null }> {
  const input = (content ?? {}) as Record<string, unknown>;
  if (input.title !== undefined && (typeof input.title !== 'string' || input.title.trim().length > WALL_TITLE_MAX)) {
    throw invalid('title', `A card title is text of at most ${WALL_TITLE_MAX} characters`);
  }
  if (input.color !== undefined && !WALL_COLORS.includes(input.color as WallColor)) throw invalid('color', 'Unknown colour');
  let file: BlobDoc | null = null;
  let attachment = card.attachment;
  if (input.attachmentId !== undefined) {
    if (input.attachmentId === null) attachment = null;
    else if (typeof input.attachmentId === 'string') {
      const found = await cardAttachment(ctx, moderator.id, space, input.attachmentId, card._id);
      file = found.blob;
      attachment = found.attachment;
    } else throw invalid('attachmentId', 'Unknown file');
  }
  const next: CardContent = {
    title: typeof input.title === 'string' ? input.title.trim() : card.title,
    body: input.body !== undefined ? cardBody(input.body) : card.body,
    link: input.link !== undefined ? validLink(input.link) : card.link,
    color: (input.color as WallColor | undefined) ?? card.color,
    attachment,
  };
  assertNotEmpty(next);
  return { next, file };
}

/** The changes an action makes to a card, checked against its current state (CONFLICT when it no longer applies). */
function cardUpdate(card: CardDoc, action: ContentAction, moderator: ModeratorIdentity, now: number, corrected: CardContent | null): Update {
  const state = cardState(card);
  const previous = { title: card.title, body: card.body, link: card.link, at: now, by: moderator.id };
  switch (action) {
    case 'approve': {
      // A first publication (or one the personal-information guard held); never what a moderator hid or deleted.
      if (state === 'pending') return { $set: { status: 'published', approvedBy: moderator.id, publishedAt: card.publishedAt ?? now, personalInfo: false } };
      const change = card.pendingChange;
      if (state !== 'visible' || !change) throw conflict('This card is not waiting for approval');
      const { by, byName, at: _at, ...content } = change;
      const byOther = by !== card.authorId;
      return {
        $set: { ...content, pendingChange: null, personalInfo: false, approvedBy: moderator.id, editorName: byOther ? byName : card.editorName },
        ...(byOther ? { $push: { revisions: previous } } : {}),
      };
    }
    case 'reject':
      if (state !== 'visible' || !card.pendingChange) throw conflict('This card has no change waiting for review');
      return { $set: { pendingChange: null, personalInfo: false } };
    case 'restore': {
      if (state !== 'hidden' && state !== 'deleted') throw conflict('This card is already visible');
      // The author's own deletion gave its files back to their quota: there is nothing left to restore.
      if (state === 'deleted' && card.deletedBy === card.authorId) throw conflict('Its author deleted this card');
      // Back to where it was before a moderator removed it: a hidden card was published, a pending one waits again.
      const status = card.hiddenBy ? 'published' : card.status;
      return { $set: { status, hiddenBy: null, deletedAt: null, deletedBy: null, publishedAt: status === 'published' ? (card.publishedAt ?? now) : (card.publishedAt ?? null) } };
    }
    case 'hide':
      if (state !== 'visible') throw conflict(`This card is ${state}`);
      return { $set: { status: 'pending', hiddenBy: moderator.id } };
    case 'delete':
      if (state === 'deleted') throw conflict('This card is already deleted');
      // Soft: the files stay, so that a restore brings the card back whole.
      return { $set: { deletedAt: now, deletedBy: moderator.id } };
    case 'edit':
      if (state === 'deleted' || !corrected) throw conflict('This card is deleted');
      // The correction replaces what everyone sees and drops any change waiting for review; a revision stays.
      return { $set: { ...corrected, editorName: moderator.name, pendingChange: null, personalInfo: false }, $push: { revisions: previous } };
  }
}

/**
 * Applies a moderation action to a card, inside the moderation transaction: checks the version, writes the
 * change with the wall's next operation number, and returns how to tell everyone once committed.
 */
export async function applyToCard(
  ctx: ServerContext,
  { space, itemId, action, version, moderator, content }: { space: SpaceDoc; itemId: string; action: ContentAction; version: number; moderator: ModeratorIdentity; content?: unknown },
): Promise<AppliedAction> {
  const cards = cardsCollection(ctx.store);
  const card = await cards.findOne({ _id: itemId, spaceId: space._id });
  if (!card) throw new AppError('NOT_FOUND', 'Card not found');
  if (card.version !== version) {
    throw new AppError('CONFLICT', 'This card changed meanwhile: reload it to see its new state', [{ path: 'version', message: String(card.version) }]);
  }
  const corrected = action === 'edit' ? await correctedContent(ctx, space, card, moderator, content) : null;
  const now = Date.now();
  const update = cardUpdate(card, action, moderator, now, corrected?.next ?? null);
  const seq = await nextSeq(ctx, space._id);
  const after = await cards.findOneAndUpdate(
    { _id: card._id, spaceId: space._id, version },
    { ...update, $set: { ...(update.$set as object), seq, updatedAt: now, moderated: true }, $inc: { version: 1 } },
    { returnDocument: 'after' },
  );
  if (!after) throw conflict('This card changed meanwhile: reload it to see its new state');
  if (corrected?.file && corrected.file.attachedTo !== after._id) await blobAttacher(ctx, corrected.file, after._id);
  return { after: cardItem(after, space), publish: () => publishCard(ctx, space, card, after) };
}
