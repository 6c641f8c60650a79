/**
 * The pen's colours, all readable on the white page (contrast ratio 4.5:1 or more), named by a French word for
 * screen readers (`drawing.colors.<name>`); and the pen's sizes, in the drawing's pixels.
 */
export const DRAWING_COLORS = {
  noir: '#000000',
  bleu: '#1c4fc4',
  rouge: '#c81e1e',
  vert: '#1e7a32',
  violet: '#6b2fa3',
  marron: '#7a4515',
  orange: '#b84a00',
} as const;
export type DrawingColor = keyof typeof DRAWING_COLORS;
export const DRAWING_COLOR_NAMES = Object.keys(DRAWING_COLORS) as DrawingColor[];

export const PEN_SIZES = { fin: 4, moyen: 10, epais: 22 } as const;
export type PenSize = keyof typeof PEN_SIZES;
export const PEN_SIZE_NAMES = Object.keys(PEN_SIZES) as PenSize[];

/** The page, and what the eraser paints with (the saved PNG is opaque: it reads the same on every card colour). */
export const PAGE_COLOR = '#ffffff';

/** WCAG relative luminance contrast of a colour against white (tested: every pen colour stays readable). */
export function contrastOnWhite(hex: string): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [1, 3, 5].map((i) => channel(parseInt(hex.slice(i, i + 2), 16))) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}
