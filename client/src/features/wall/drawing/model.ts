import { WALL_DRAWING_HEIGHT, WALL_DRAWING_MAX_POINTS, WALL_DRAWING_MAX_STROKES, WALL_DRAWING_WIDTH } from '../../../../../shared/wall/limits';

/**
 * The drawing as data, without a canvas: strokes and « tout effacer » as actions, an undo/redo history, and the
 * limits of shared/wall/limits.ts. The canvas (render.ts) replays it; these functions are pure and tested alone.
 */

export type DrawingTool = 'pen' | 'eraser';

/** In the drawing's own pixels (WALL_DRAWING_WIDTH × WALL_DRAWING_HEIGHT), whatever size it is shown at. */
export interface Point {
  x: number;
  y: number;
}

export interface Stroke {
  tool: DrawingTool;
  color: string;
  size: number;
  points: Point[];
}

export type DrawingAction = { type: 'stroke'; stroke: Stroke } | { type: 'clear' };

/** What was done (oldest first), and what was undone and may be redone (the next to redo last). */
export interface DrawingHistory {
  done: DrawingAction[];
  undone: DrawingAction[];
}

export const emptyHistory: DrawingHistory = { done: [], undone: [] };

/** Clamps a point into the drawing (a pointer captured outside the canvas still draws along its edge). */
export function clampPoint(point: Point): Point {
  return { x: Math.min(WALL_DRAWING_WIDTH, Math.max(0, point.x)), y: Math.min(WALL_DRAWING_HEIGHT, Math.max(0, point.y)) };
}

/** A stroke starting at `point`. */
export function startStroke(tool: DrawingTool, color: string, size: number, point: Point): Stroke {
  return { tool, color, size, points: [clampPoint(point)] };
}

/** The stroke with one more point; the same stroke when the point repeats the last one or the stroke is full. */
export function extendStroke(stroke: Stroke, point: Point): Stroke {
  const next = clampPoint(point);
  const last = stroke.points[stroke.points.length - 1];
  if (stroke.points.length >= WALL_DRAWING_MAX_POINTS || (last && last.x === next.x && last.y === next.y)) return stroke;
  return { ...stroke, points: [...stroke.points, next] };
}

/** The drawing holds WALL_DRAWING_MAX_STROKES actions at most: past it, a pupil undoes some or keeps it as it is. */
export function isFull(history: DrawingHistory): boolean {
  return history.done.length >= WALL_DRAWING_MAX_STROKES;
}

/** Records an action (a new action forgets what was undone); a full drawing is left as it is. */
export function record(history: DrawingHistory, action: DrawingAction): DrawingHistory {
  if (isFull(history)) return history;
  return { done: [...history.done, action], undone: [] };
}

export const canUndo = (history: DrawingHistory): boolean => history.done.length > 0;
export const canRedo = (history: DrawingHistory): boolean => history.undone.length > 0;

/** Takes back the last action. */
export function undo(history: DrawingHistory): DrawingHistory {
  const last = history.done[history.done.length - 1];
  if (!last) return history;
  return { done: history.done.slice(0, -1), undone: [...history.undone, last] };
}

/** Does again the last action taken back. */
export function redo(history: DrawingHistory): DrawingHistory {
  const next = history.undone[history.undone.length - 1];
  if (!next) return history;
  return { done: [...history.done, next], undone: history.undone.slice(0, -1) };
}

/** What is on the page: whether the starting picture still shows (no « tout effacer » since), and the strokes over it. */
export function visible(history: DrawingHistory): { showBase: boolean; strokes: Stroke[] } {
  let from = 0;
  history.done.forEach((action, index) => {
    if (action.type === 'clear') from = index + 1;
  });
  const strokes = history.done.slice(from).flatMap((action) => (action.type === 'stroke' ? [action.stroke] : []));
  return { showBase: from === 0, strokes };
}

/** Nothing to keep: no stroke shows and no starting picture either (a blank page is not a drawing). */
export function isBlank(history: DrawingHistory, hasBase: boolean): boolean {
  const { showBase, strokes } = visible(history);
  return strokes.length === 0 && !(showBase && hasBase);
}
