import { plainToRichText, richTextToPlain, type RichTextDoc } from '../../../shared/richtext/validate';
import type { ServerContext } from '../../context';
import { registerModerationAdapter, type ModeratedItem } from '../moderation/adapters';
import { cardItem, commentItem } from './items';
import { cardsCollection, commentsCollection, ensureWallIndexes } from './model';
import { applyToCard } from './moderation-cards';
import { applyToComment } from './moderation-comments';

/**
 * The wall's adapters for the one moderation path (reports, claims, reasons, evidence, audit and notification
 * happen there, in one transaction with the change `apply` makes). Hiding puts a card back into review (its author
 * and the moderators still see it, marked), deleting is soft (the files stay, a restore brings it back), an edit
 * keeps the previous content as a revision, approving publishes only what waits for review.
 */

const QUEUE_MAX = 200;
const readable = (item: ModeratedItem, userId: string): boolean => item.state === 'visible' || item.authorId === userId;

async function wallCards(ctx: ServerContext) {
  await ensureWallIndexes(ctx.store);
  return cardsCollection(ctx.store);
}

registerModerationAdapter({
  kind: 'wallCard',
  async load(ctx, space, itemId) {
    if (space.kind !== 'wall') return null;
    const card = await (await wallCards(ctx)).findOne({ _id: itemId, spaceId: space._id });
    return card ? cardItem(card, space) : null;
  },
  apply: (ctx, { space, item, action, version, moderator, content }) => applyToCard(ctx, { space, itemId: item.id, action, version, moderator, content }),
  async pending(ctx, space) {
    if (space.kind !== 'wall') return [];
    const cards = await wallCards(ctx);
    // First publications, cards a moderator (or many reports) hid, and published cards whose change waits.
    const [held, changed] = await Promise.all([
      cards.find({ spaceId: space._id, deletedAt: null, status: 'pending' }, { sort: { createdAt: 1 }, limit: QUEUE_MAX }),
      cards.find({ spaceId: space._id, deletedAt: null, status: 'published', pendingChange: { $exists: true, $ne: null } }, { sort: { createdAt: 1 }, limit: QUEUE_MAX }),
    ]);
    return [...held, ...changed].map((card) => cardItem(card, space));
  },
  async recent(ctx, space, limit) {
    if (space.kind !== 'wall') return [];
    const cards = await (await wallCards(ctx)).find({ spaceId: space._id, deletedAt: null }, { sort: { seq: -1 }, limit });
    return cards.map((card) => cardItem(card, space));
  },
  readableBy: readable,
  plainText: (item) => (item.content.body ? richTextToPlain(item.content.body as RichTextDoc).trimEnd() : ''),
  fromPlainText: (text) => ({ body: plainToRichText(text) }),
});

registerModerationAdapter({
  kind: 'wallComment',
  async load(ctx, space, itemId) {
    if (space.kind !== 'wall') return null;
    await ensureWallIndexes(ctx.store);
    const comment = await commentsCollection(ctx.store).findOne({ _id: itemId, spaceId: space._id });
    return comment ? commentItem(comment, space) : null;
  },
  apply: (ctx, { space, item, action, version, moderator, content }) => applyToComment(ctx, { space, itemId: item.id, action, version, moderator, content }),
  async pending(ctx, space) {
    if (space.kind !== 'wall') return [];
    await ensureWallIndexes(ctx.store);
    const comments = commentsCollection(ctx.store);
    // Comments a moderator hid, and those the personal-information guard holds.
    const [hidden, held] = await Promise.all([
      comments.find({ spaceId: space._id, deletedAt: null, hiddenBy: { $exists: true, $ne: null } }, { sort: { createdAt: 1 }, limit: QUEUE_MAX }),
      comments.find({ spaceId: space._id, deletedAt: null, status: 'pending', hiddenBy: null }, { sort: { createdAt: 1 }, limit: QUEUE_MAX }),
    ]);
    return [...hidden, ...held].map((comment) => commentItem(comment, space));
  },
  async recent(ctx, space, limit) {
    if (space.kind !== 'wall') return [];
    await ensureWallIndexes(ctx.store);
    const comments = await commentsCollection(ctx.store).find({ spaceId: space._id, deletedAt: null }, { sort: { seq: -1 }, limit });
    return comments.map((comment) => commentItem(comment, space));
  },
  readableBy: readable,
  plainText: (item) => String(item.content.text ?? ''),
  fromPlainText: (text) => ({ text }),
});
