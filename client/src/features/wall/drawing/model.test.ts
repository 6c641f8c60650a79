import { describe, expect, it } from 'vitest';
import { WALL_DRAWING_HEIGHT, WALL_DRAWING_MAX_POINTS, WALL_DRAWING_MAX_STROKES, WALL_DRAWING_WIDTH } from '../../../../../shared/wall/limits';
import { canRedo, canUndo, emptyHistory, extendStroke, isBlank, isFull, record, redo, startStroke, undo, visible, type DrawingAction, type DrawingHistory } from './model';
import { contrastOnWhite, DRAWING_COLORS } from './palette';

const line = (x: number): DrawingAction => ({ type: 'stroke', stroke: { tool: 'pen', color: '#000000', size: 4, points: [{ x, y: 0 }] } });
const replay = (...actions: DrawingAction[]): DrawingHistory => actions.reduce(record, emptyHistory);

describe('drawing strokes', () => {
  it('clamps points into the drawing and skips repeated ones', () => {
    let stroke = startStroke('pen', '#000000', 4, { x: -20, y: 5000 });
    expect(stroke.points).toEqual([{ x: 0, y: WALL_DRAWING_HEIGHT }]);
    stroke = extendStroke(stroke, { x: 10, y: 10 });
    stroke = extendStroke(stroke, { x: 10, y: 10 });
    stroke = extendStroke(stroke, { x: WALL_DRAWING_WIDTH + 1, y: 10 });
    expect(stroke.points).toEqual([{ x: 0, y: WALL_DRAWING_HEIGHT }, { x: 10, y: 10 }, { x: WALL_DRAWING_WIDTH, y: 10 }]);
  });

  it('stops a stroke at WALL_DRAWING_MAX_POINTS points', () => {
    let stroke = startStroke('pen', '#000000', 4, { x: 0, y: 0 });
    for (let i = 1; i < WALL_DRAWING_MAX_POINTS + 50; i++) stroke = extendStroke(stroke, { x: i % WALL_DRAWING_WIDTH, y: Math.floor(i / WALL_DRAWING_WIDTH) });
    expect(stroke.points).toHaveLength(WALL_DRAWING_MAX_POINTS);
  });
});

describe('undo and redo', () => {
  it('undoes and redoes strokes in order, and a new stroke forgets what was undone', () => {
    let history = replay(line(1), line(2), line(3));
    history = undo(undo(history));
    expect(visible(history).strokes.map((stroke) => stroke.points[0]!.x)).toEqual([1]);
    expect(canRedo(history)).toBe(true);
    history = redo(history);
    expect(visible(history).strokes.map((stroke) => stroke.points[0]!.x)).toEqual([1, 2]);
    history = record(history, line(4));
    expect(canRedo(history)).toBe(false);
    expect(visible(history).strokes.map((stroke) => stroke.points[0]!.x)).toEqual([1, 2, 4]);
  });

  it('does nothing when there is nothing to undo or redo', () => {
    expect(undo(emptyHistory)).toBe(emptyHistory);
    expect(redo(emptyHistory)).toBe(emptyHistory);
    expect(canUndo(emptyHistory)).toBe(false);
  });

  it('« tout effacer » hides the starting picture and the strokes before it, and can be undone', () => {
    const cleared = replay(line(1), { type: 'clear' }, line(2));
    expect(visible(cleared).showBase).toBe(false);
    expect(visible(cleared).strokes.map((stroke) => stroke.points[0]!.x)).toEqual([2]);
    const back = undo(undo(cleared));
    expect(visible(back).showBase).toBe(true);
    expect(visible(back).strokes).toHaveLength(1);
  });
});

describe('limits and blank pages', () => {
  it('refuses strokes past WALL_DRAWING_MAX_STROKES until some are undone', () => {
    let history = emptyHistory;
    for (let i = 0; i < WALL_DRAWING_MAX_STROKES; i++) history = record(history, line(i));
    expect(isFull(history)).toBe(true);
    expect(record(history, line(9999))).toBe(history);
    history = record(undo(history), line(9999));
    expect(history.done).toHaveLength(WALL_DRAWING_MAX_STROKES);
  });

  it('a page with no stroke is blank unless a starting picture shows', () => {
    expect(isBlank(emptyHistory, false)).toBe(true);
    expect(isBlank(emptyHistory, true)).toBe(false);
    expect(isBlank(replay(line(1), { type: 'clear' }), true)).toBe(true);
    expect(isBlank(replay(line(1)), false)).toBe(false);
  });

  it('every pen colour reads on the white page (4.5:1 or more)', () => {
    for (const hex of Object.values(DRAWING_COLORS)) expect(contrastOnWhite(hex)).toBeGreaterThanOrEqual(4.5);
  });
});
