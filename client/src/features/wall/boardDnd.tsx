import {
  closestCenter,
  type Announcements,
  type CollisionDetection,
  type DroppableContainer,
  type KeyboardCoordinateGetter,
  type ScreenReaderInstructions,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { UnstyledButton } from '@mantine/core';
import type { HTMLAttributes } from 'react';
import { touchTarget } from '../../app/layout/media';
import { useWallT } from './i18n';

/**
 * What the wall's boards share for dragging: sections dragged by their handle among sections only, cards among
 * cards and columns only, and what a screen reader hears while dragging, in the page's language.
 */

const SECTION_PREFIX = 'section:';
/** The drag id of a section (its column's handle), apart from the cards' ids and the columns' drop zones. */
export const sectionDragId = (sectionId: string): string => `${SECTION_PREFIX}${sectionId}`;
export const isSectionDrag = (id: UniqueIdentifier | null | undefined): boolean => String(id ?? '').startsWith(SECTION_PREFIX);
export const sectionOfDrag = (id: UniqueIdentifier): string => String(id).slice(SECTION_PREFIX.length);

/** The drop targets of what is dragged: other sections for a section, cards and columns for a card. */
const targetsOf = (active: UniqueIdentifier, containers: DroppableContainer[]) => containers.filter((container) => isSectionDrag(container.id) === isSectionDrag(active));

export const boardCollisions: CollisionDetection = (args) => closestCenter({ ...args, droppableContainers: targetsOf(args.active.id, args.droppableContainers) });

/** The sortable lists' arrow keys, looking only at the targets of what is dragged (a section steps to the next section). */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const { active, droppableContainers } = args.context;
  if (!active) return sortableKeyboardCoordinates(event, args);
  const only = {
    getEnabled: () => targetsOf(active.id, droppableContainers.getEnabled()),
    get: (id: UniqueIdentifier | null | undefined) => droppableContainers.get(id),
  } as unknown as typeof droppableContainers;
  return sortableKeyboardCoordinates(event, { ...args, context: { ...args.context, droppableContainers: only } });
};

/**
 * The board's spoken instructions and announcements, naming cards and columns by their titles. `free`: the canvas,
 * where a card is put anywhere (no place under it to name).
 */
export function useBoardAccessibility(nameOf: (id: UniqueIdentifier) => string, free = false): { announcements: Announcements; screenReaderInstructions: ScreenReaderInstructions } {
  const { t } = useWallT();
  const name = (id: UniqueIdentifier) => nameOf(id);
  return {
    screenReaderInstructions: { draggable: t('board.instructions') },
    announcements: {
      onDragStart: ({ active }) => t('board.picked', { name: name(active.id) }),
      onDragOver: ({ active, over }) => (free ? undefined : over ? t('board.over', { name: name(active.id), target: name(over.id) }) : t('board.overNothing', { name: name(active.id) })),
      onDragEnd: ({ active, over }) =>
        free ? t('board.placed', { name: name(active.id) }) : over ? t('board.dropped', { name: name(active.id), target: name(over.id) }) : t('board.droppedNothing', { name: name(active.id) }),
      onDragCancel: ({ active }) => t('board.cancelled', { name: name(active.id) }),
    },
  };
}

/** The handle that moves a column: drag it, or focus it, Space, arrows, Space. */
export function SectionHandle({ title, handle, dark }: { title: string; handle: HTMLAttributes<HTMLButtonElement>; dark: boolean }) {
  const { t } = useWallT();
  return (
    <UnstyledButton
      {...handle}
      aria-label={t('board.sectionHandle', { title })}
      data-testid="wall-section-handle"
      className="wall-no-print"
      style={{ ...touchTarget, flex: 'none', display: 'inline-flex', alignItems: 'center', justifyContent: 'center', borderRadius: 8, cursor: 'grab', color: dark ? 'white' : '#495057', fontSize: 22, touchAction: 'none' }}
    >
      <span aria-hidden="true">⠿</span>
    </UnstyledButton>
  );
}
