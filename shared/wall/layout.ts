import { z } from 'zod';
import { WALL_MAX_SECTIONS } from './limits';
import { SECTION_ID, type WallSection } from './settings';

const Id = z.string().min(1).max(64);

/** A teacher's new order of the wall's sections: every section id, in the order wanted (as their screen showed it). */
export const ReorderSectionsSchema = z
  .object({ spaceId: Id, sectionIds: z.array(z.string().regex(SECTION_ID)).min(1).max(WALL_MAX_SECTIONS) })
  .strict();
export type ReorderSectionsReq = z.infer<typeof ReorderSectionsSchema>;

/** A teacher pins a card to the top of its section and of the stream (`pinned: false` unpins it). */
export const PinCardSchema = z.object({ spaceId: Id, cardId: Id, pinned: z.boolean() }).strict();
export type PinCardReq = z.infer<typeof PinCardSchema>;

/**
 * The wall's sections in the order asked, applied to the sections as they are now (read in the operation's
 * transaction): ids that are no longer sections are ignored, and a section the order does not name (added
 * meanwhile, or unseen by a stale screen) keeps its place after the section it followed, so a stale order never
 * loses a section. `order` is renumbered 0, 1, 2…
 */
export function reorderSections(current: readonly WallSection[], sectionIds: readonly string[]): WallSection[] {
  const sorted = [...current].sort((a, b) => a.order - b.order);
  const byId = new Map(sorted.map((section) => [section.id, section]));
  const named = [...new Set(sectionIds)].filter((id) => byId.has(id));
  const result: WallSection[] = named.map((id) => byId.get(id)!);
  const placed = new Set(named);
  sorted.forEach((section, index) => {
    if (placed.has(section.id)) return;
    // After the nearest earlier section already placed (or first when none).
    const previous = sorted.slice(0, index).reverse().find((candidate) => placed.has(candidate.id));
    result.splice(previous ? result.indexOf(previous) + 1 : 0, 0, section);
    placed.add(section.id);
  });
  return result.map((section, order) => ({ ...section, order }));
}

/** The order of ids after moving the one at `from` to `to` (dnd-kit's `arrayMove`, without importing it in shared/). */
export function movedIds(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids];
  if (from < 0 || from >= next.length || to < 0 || to >= next.length) return next;
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}
