import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { horizontalListSortingStrategy, SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { WALL_CANVAS_HEIGHT, WALL_CANVAS_WIDTH } from '../../../../shared/wall/limits';
import { movedIds } from '../../../../shared/wall/layout';
import type { WallSection, WallStreamOrder } from '../../../../shared/wall/settings';
import type { WallCard } from '../../../../shared/wall/types';
import type { CardMove } from './CardView';
import { boardCollisions, boardKeyboardCoordinates, isSectionDrag, sectionDragId, sectionOfDrag, SectionHandle, useBoardAccessibility } from './boardDnd';
import { useWallT } from './i18n';
import { columnsOf, DEFAULT_COLUMN, orderAt, orderBetween, orderForDrop, streamCards } from './order';

/** How a board asks the page to draw one card. */
export type RenderCard = (card: WallCard, options: { moves: CardMove[]; dragHandle?: object; style?: React.CSSProperties; setRef?: (element: HTMLElement | null) => void }) => ReactNode;

export interface MoveRequest {
  cardId: string;
  position?: { x: number; y: number };
  sectionId?: string | null;
  order?: number;
}

interface BoardProps {
  cards: WallCard[];
  canMove: (card: WallCard) => boolean;
  onMove: (move: MoveRequest) => void;
  renderCard: RenderCard;
}

function useBoardSensors() {
  return useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: boardKeyboardCoordinates }));
}

/** A card's name for the screen reader's announcements. */
const cardName = (cards: WallCard[], id: string, untitled: string) => cards.find((card) => card.id === id)?.title || untitled;

function SortableCard({ card, disabled, render, moves }: { card: WallCard; disabled: boolean; render: RenderCard; moves: CardMove[] }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: card.id, disabled });
  return render(card, {
    moves,
    ...(disabled ? {} : { dragHandle: { ...attributes, ...listeners } }),
    setRef: setNodeRef,
    style: { transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 },
  });
}

/** A column: a drop zone for cards and, for those who configure the wall, a section moved by its handle. */
function Column({ id, title, children, dark, movable }: { id: string; title: string; children: ReactNode; dark: boolean; movable: boolean }) {
  const { setNodeRef: setDropRef, isOver } = useDroppable({ id: `column:${id}` });
  const sortable = useSortable({ id: sectionDragId(id), disabled: !movable });
  const setRef = (element: HTMLElement | null) => {
    setDropRef(element);
    sortable.setNodeRef(element);
  };
  const moved = { transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition, opacity: sortable.isDragging ? 0.7 : 1, zIndex: sortable.isDragging ? 5 : undefined };
  return (
    <Paper component="section" aria-label={title} ref={setRef} radius="md" p="sm" className="wall-column" data-testid="wall-column" data-section-id={id} style={{ background: isOver ? 'rgba(47,95,208,0.12)' : dark ? 'rgba(255,255,255,0.12)' : 'rgba(255,255,255,0.55)', ...moved }}>
      <Group gap={4} wrap="nowrap" mb="sm">
        {movable && <SectionHandle title={title} handle={{ ...sortable.attributes, ...sortable.listeners }} dark={dark} />}
        <Title order={2} fz="md" c={dark ? 'white' : undefined}>
          {title}
        </Title>
      </Group>
      <Stack gap="sm" mih={60}>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * Columns (sections): drag cards within and between columns, or use the card menu's moves; those who configure the
 * wall move a column by its handle (mouse, finger or keyboard). Scrolled sideways on a tablet.
 */
export function ColumnsBoard({ cards, sections, canMove, onMove, renderCard, dark, onReorderSections }: BoardProps & { sections: WallSection[]; dark: boolean; onReorderSections?: ((sectionIds: string[]) => void) | undefined }) {
  const { t } = useWallT();
  const sensors = useBoardSensors();
  const columns = columnsOf(sections, cards);
  const columnOf = (cardId: string) => columns.find((column) => column.cards.some((card) => card.id === cardId));
  const sectionValue = (columnId: string) => (columnId === DEFAULT_COLUMN ? null : columnId);
  const sectionIds = columns.filter((column) => column.id !== DEFAULT_COLUMN).map((column) => column.id);
  const columnTitle = (id: string) => columns.find((column) => column.id === id)?.title ?? t('page.defaultColumn');
  const accessibility = useBoardAccessibility((id) => {
    const text = String(id);
    if (isSectionDrag(text)) return columnTitle(sectionOfDrag(text));
    if (text.startsWith('column:')) return columnTitle(text.slice('column:'.length));
    return cardName(cards, text, t('card.untitled'));
  });

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    if (isSectionDrag(active.id)) {
      const from = sectionIds.indexOf(sectionOfDrag(active.id));
      const to = isSectionDrag(over.id) ? sectionIds.indexOf(sectionOfDrag(over.id)) : -1;
      if (from >= 0 && to >= 0 && from !== to) onReorderSections?.(movedIds(sectionIds, from, to));
      return;
    }
    const from = columnOf(String(active.id));
    const overId = String(over.id);
    const target = overId.startsWith('column:') ? columns.find((column) => column.id === overId.slice('column:'.length)) : columnOf(overId);
    if (!from || !target) return;
    const order = orderForDrop(target.id === from.id ? target.cards : [...target.cards, from.cards.find((card) => card.id === active.id)!], String(active.id), overId.startsWith('column:') ? null : overId);
    onMove({ cardId: String(active.id), order, ...(target.id !== from.id ? { sectionId: sectionValue(target.id) } : {}) });
  };

  const movesFor = (card: WallCard, columnIndex: number, index: number): CardMove[] => {
    if (!canMove(card)) return [];
    const list = columns[columnIndex]!.cards;
    const moves: CardMove[] = [];
    if (index > 0) moves.push({ labelKey: 'card.moveUp', run: () => onMove({ cardId: card.id, order: orderBetween(list[index - 2]?.order, list[index - 1]!.order) }) });
    if (index < list.length - 1) moves.push({ labelKey: 'card.moveDown', run: () => onMove({ cardId: card.id, order: orderBetween(list[index + 1]!.order, list[index + 2]?.order) }) });
    const toColumn = (target: (typeof columns)[number]) => () => onMove({ cardId: card.id, sectionId: sectionValue(target.id), order: orderBetween(target.cards[target.cards.length - 1]?.order, undefined) });
    if (columnIndex > 0) moves.push({ labelKey: 'card.moveLeft', run: toColumn(columns[columnIndex - 1]!) });
    if (columnIndex < columns.length - 1) moves.push({ labelKey: 'card.moveRight', run: toColumn(columns[columnIndex + 1]!) });
    return moves;
  };

  return (
    <DndContext sensors={sensors} collisionDetection={boardCollisions} onDragEnd={onDragEnd} accessibility={accessibility}>
      {/* Side by side, scrolled sideways with snap when they do not fit (tablets, phones): wall.css. */}
      <Box className="wall-columns" data-testid="wall-columns">
        <SortableContext items={sectionIds.map(sectionDragId)} strategy={horizontalListSortingStrategy}>
        {columns.map((column, columnIndex) => (
          <Column key={column.id} id={column.id} title={column.title ?? t('page.defaultColumn')} dark={dark} movable={Boolean(onReorderSections) && column.id !== DEFAULT_COLUMN}>
            <SortableContext items={column.cards.map((card) => card.id)} strategy={verticalListSortingStrategy}>
              {column.cards.map((card, index) => (
                <SortableCard key={card.id} card={card} disabled={!canMove(card)} render={renderCard} moves={movesFor(card, columnIndex, index)} />
              ))}
            </SortableContext>
          </Column>
        ))}
        </SortableContext>
      </Box>
    </DndContext>
  );
}

/** The stream: one vertical list, pinned cards first, newest at the bottom or at the top as the teacher chose, reordered by drag or by the card menu. */
export function StreamBoard({ cards, canMove, onMove, renderCard, streamOrder }: BoardProps & { streamOrder: WallStreamOrder }) {
  const { t } = useWallT();
  const sensors = useBoardSensors();
  const descending = streamOrder === 'newestFirst';
  const list = streamCards(cards, streamOrder);
  const accessibility = useBoardAccessibility((id) => cardName(cards, String(id), t('card.untitled')));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || over.id === active.id) return;
    onMove({ cardId: String(active.id), order: orderForDrop(list, String(active.id), String(over.id), descending) });
  };
  const movesFor = (card: WallCard, index: number): CardMove[] => {
    if (!canMove(card)) return [];
    const others = list.filter((other) => other.id !== card.id);
    const moves: CardMove[] = [];
    if (index > 0) moves.push({ labelKey: 'card.moveUp', run: () => onMove({ cardId: card.id, order: orderAt(others, index - 1, descending) }) });
    if (index < list.length - 1) moves.push({ labelKey: 'card.moveDown', run: () => onMove({ cardId: card.id, order: orderAt(others, index + 1, descending) }) });
    return moves;
  };
  return (
    <DndContext sensors={sensors} collisionDetection={boardCollisions} onDragEnd={onDragEnd} accessibility={accessibility}>
      <SortableContext items={list.map((card) => card.id)} strategy={verticalListSortingStrategy}>
        <Stack gap="md" maw={640} mx="auto">
          {list.map((card, index) => (
            <SortableCard key={card.id} card={card} disabled={!canMove(card)} render={renderCard} moves={movesFor(card, index)} />
          ))}
        </Stack>
      </SortableContext>
    </DndContext>
  );
}

const CANVAS_STEP = 40;
const clamp = (value: number, max: number) => Math.min(Math.max(0, Math.round(value)), max);

function CanvasCard({ card, disabled, render, moves }: { card: WallCard; disabled: boolean; render: RenderCard; moves: CardMove[] }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: card.id, disabled });
  return render(card, {
    moves,
    ...(disabled ? {} : { dragHandle: { ...attributes, ...listeners } }),
    setRef: setNodeRef,
    style: {
      position: 'absolute',
      left: card.position.x,
      top: card.position.y,
      width: 250,
      transform: CSS.Translate.toString(transform),
      zIndex: isDragging ? 10 : 1,
    },
  });
}

/** The free canvas: cards where their authors put them; drag with the mouse, a finger, or the keyboard. */
export function CanvasBoard({ cards, canMove, onMove, renderCard }: BoardProps) {
  const { t } = useWallT();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));
  const accessibility = useBoardAccessibility((id) => cardName(cards, String(id), t('card.untitled')), true);
  const byId = new Map(cards.map((card) => [card.id, card]));
  const onDragEnd = ({ active, delta }: DragEndEvent) => {
    const card = byId.get(String(active.id));
    if (!card || (delta.x === 0 && delta.y === 0)) return;
    onMove({ cardId: card.id, position: { x: clamp(card.position.x + delta.x, WALL_CANVAS_WIDTH), y: clamp(card.position.y + delta.y, WALL_CANVAS_HEIGHT) } });
  };
  const movesFor = (card: WallCard): CardMove[] => {
    if (!canMove(card)) return [];
    const to = (dx: number, dy: number) => () => onMove({ cardId: card.id, position: { x: clamp(card.position.x + dx, WALL_CANVAS_WIDTH), y: clamp(card.position.y + dy, WALL_CANVAS_HEIGHT) } });
    return [
      { labelKey: 'card.moveCanvasLeft', run: to(-CANVAS_STEP, 0) },
      { labelKey: 'card.moveCanvasRight', run: to(CANVAS_STEP, 0) },
      { labelKey: 'card.moveCanvasUp', run: to(0, -CANVAS_STEP) },
      { labelKey: 'card.moveCanvasDown', run: to(0, CANVAS_STEP) },
    ];
  };
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={accessibility}>
      <Box style={{ overflow: 'auto', maxHeight: '75vh', borderRadius: 8 }}>
        <Box style={{ position: 'relative', width: WALL_CANVAS_WIDTH + 260, height: WALL_CANVAS_HEIGHT + 240 }}>
          {cards.map((card) => (
            <CanvasCard key={card.id} card={card} disabled={!canMove(card)} render={renderCard} moves={movesFor(card)} />
          ))}
          {cards.length === 0 && <Text p="md">{''}</Text>}
        </Box>
      </Box>
    </DndContext>
  );
}
