import { AppError } from '../../../shared/errors';
import { reorderSections, type PinCardReq, type ReorderSectionsReq } from '../../../shared/wall/layout';
import { wallSettingsOf, type WallSection } from '../../../shared/wall/settings';
import type { WallCard } from '../../../shared/wall/types';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { defineSocketHandler } from '../../realtime/handlers';
import { presentSpace, spacesCollection } from '../spaces/model';
import { askCard, askWall, type CardSubject, type WallAccess } from './access';
import { publishCard } from './broadcast';
import { cardTarget, viewForCaller, wallEvent, type WallCaller } from './cards';
import { cardsCollection } from './model';
import { nextSeq } from './sequence';

/**
 * The wall's layout operations, the teachers' (`configure`): the order of its sections, and pinned cards. The
 * stream's order is a plain setting (`streamOrder`), changed with the others.
 */

const wallTarget = (space: WallAccess['space']) => ({ type: 'wall' as const, id: space._id, ownerId: space.ownerId });

/**
 * Sets the order of a wall's sections. The order is applied to the sections as they are inside the transaction
 * (read, reordered, written with the version read): a section added or an order changed meanwhile is never lost,
 * and of two reorders at once the last committed wins whole. Everyone viewing the wall gets the new settings
 * (`space:updated`, with their own rights), and a reconnecting page reads them again when it joins.
 */
export async function sectionsReorderer(caller: WallCaller, wall: WallAccess, input: ReorderSectionsReq): Promise<{ sections: WallSection[] }> {
  const { ctx } = caller;
  const { summary, sections } = await auditedChange(ctx, async (record) => {
    const spaces = spacesCollection(ctx.store);
    const current = await spaces.findOne({ _id: wall.space._id, archived: false });
    if (!current || current.kind !== 'wall') throw new AppError('NOT_FOUND', 'Space not found');
    const before = wallSettingsOf(current.settings).sections;
    const sections = reorderSections(before, input.sectionIds);
    const updated = await spaces.findOneAndUpdate(
      { _id: current._id, version: current.version },
      { $set: { settings: { ...current.settings, sections }, updatedAt: Date.now() }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    if (!updated) throw new AppError('CONFLICT', 'This wall was changed meanwhile: try again');
    const ids = (list: WallSection[]) => [...list].sort((a, b) => a.order - b.order).map((section) => section.id);
    await wallEvent(record, caller, current, 'wall.sections_reordered', wallTarget(current), { fields: ['settings.sections'], before: ids(before), after: ids(sections) });
    return { summary: presentSpace(updated), sections };
  });
  // Everyone viewing the space gets it with their own rights (the gateway listens to the bus), as any settings change.
  await ctx.services.bus.publish('space.updated', summary);
  return { sections };
}

/**
 * Pins a card to the top of its section and of the stream, or unpins it: one operation of the wall (its number
 * lets a reconnecting page catch up), audited, and sent live to everyone who sees the card.
 */
export async function cardPinner(caller: WallCaller, { space, wall, card: before }: CardSubject, input: PinCardReq): Promise<WallCard> {
  const { ctx } = caller;
  const updated = await auditedChange(ctx, async (record) => {
    const seq = await nextSeq(ctx, space._id);
    const after = await cardsCollection(ctx.store).findOneAndUpdate({ _id: before._id, deletedAt: null }, { $set: { pinned: input.pinned, seq, updatedAt: Date.now() } }, { returnDocument: 'after' });
    if (!after) throw new AppError('NOT_FOUND', 'Card not found');
    await wallEvent(record, caller, space, input.pinned ? 'wall.card_pinned' : 'wall.card_unpinned', cardTarget(after), { fields: ['pinned'], before: { pinned: Boolean(before.pinned) }, after: { pinned: input.pinned } });
    return after;
  });
  await publishCard(ctx, space, before, updated);
  return viewForCaller(wall.rights, updated);
}

const caller = (ctx: ServerContext, state: WallCaller['state']): WallCaller => ({ ctx, state, origin: 'socket' });

defineSocketHandler<'wall:sections:reorder', WallAccess>(
  'wall:sections:reorder',
  { check: (state, payload, ctx) => askWall(ctx, 'configure', (input: { spaceId: string }) => input.spaceId)(state, payload) },
  ({ ctx, state, payload, subject }) => sectionsReorderer(caller(ctx, state), subject, payload),
  { limit: 'wallCardMove' },
);

defineSocketHandler<'wall:card:pin', CardSubject>(
  'wall:card:pin',
  { check: (state, payload, ctx) => askCard(ctx, 'wall:card:pin', () => ({ space: 'configure' }))(state, payload) },
  async ({ ctx, state, payload, subject }) => ({ card: await cardPinner(caller(ctx, state), subject, payload) }),
  { limit: 'wallCardMove' },
);
