import { AppError } from '../../../shared/errors';
import { WALL_DRAWING_HEIGHT, WALL_DRAWING_WIDTH } from '../../../shared/wall/limits';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/**
 * A file marked as a drawing must be what the drawing canvas saves: a PNG of at most the drawing's size (read from
 * its IHDR chunk, before sharp decodes it). Anything else is refused rather than shown as « Dessin de … ».
 */
export function drawingCheck(data: Uint8Array): void {
  const png = data.length >= 24 && PNG_SIGNATURE.every((byte, i) => data[i] === byte);
  const view = png ? new DataView(data.buffer, data.byteOffset, data.byteLength) : null;
  const width = view?.getUint32(16) ?? 0;
  const height = view?.getUint32(20) ?? 0;
  if (!png || width < 1 || height < 1 || width > WALL_DRAWING_WIDTH || height > WALL_DRAWING_HEIGHT) {
    throw new AppError('VALIDATION', `A drawing is a PNG image of at most ${WALL_DRAWING_WIDTH}×${WALL_DRAWING_HEIGHT} pixels`, [{ path: 'file', message: 'not_a_drawing' }]);
  }
}
