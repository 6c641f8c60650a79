import { WALL_DRAWING_HEIGHT, WALL_DRAWING_WIDTH } from '../../../../../shared/wall/limits';
import { visible, type DrawingHistory, type Stroke } from './model';
import { PAGE_COLOR } from './palette';

/** Draws one stroke: round ends and joins; a single point is a dot. The eraser paints the page's white. */
export function paintStroke(ctx: CanvasRenderingContext2D, stroke: Stroke, from = 0): void {
  const points = stroke.points;
  const first = points[Math.max(0, from - 1)];
  if (!first) return;
  const color = stroke.tool === 'eraser' ? PAGE_COLOR : stroke.color;
  if (points.length === 1) {
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(first.x, first.y, stroke.size / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  ctx.strokeStyle = color;
  ctx.lineWidth = stroke.size;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(first.x, first.y);
  for (const point of points.slice(Math.max(1, from))) ctx.lineTo(point.x, point.y);
  ctx.stroke();
}

/** Paints the whole drawing again: the white page, the starting picture (unless cleared since), the strokes. */
export function paintDrawing(ctx: CanvasRenderingContext2D, base: CanvasImageSource | null, history: DrawingHistory, current: Stroke | null): void {
  ctx.fillStyle = PAGE_COLOR;
  ctx.fillRect(0, 0, WALL_DRAWING_WIDTH, WALL_DRAWING_HEIGHT);
  const { showBase, strokes } = visible(history);
  if (base && showBase) ctx.drawImage(base, 0, 0, WALL_DRAWING_WIDTH, WALL_DRAWING_HEIGHT);
  for (const stroke of strokes) paintStroke(ctx, stroke);
  if (current) paintStroke(ctx, current);
}
