import { describe, expect, it } from 'vitest';
import { ACCESSIBLE_COLORS } from './palettes';

const channel = (value: number): number => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
const luminance = (hex: string): number => {
  const [r, g, b] = [1, 3, 5].map((start) => channel(parseInt(hex.slice(start, start + 2), 16) / 255)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string): number => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

describe('accessible palettes (WCAG AA, 4.5:1)', () => {
  it('text of shades 6–9 reads on white and on the light tints (shades 0–1); white text reads on them', () => {
    for (const [name, shades] of Object.entries(ACCESSIBLE_COLORS)) {
      expect(shades, name).toHaveLength(10);
      for (const shade of shades.slice(6)) {
        for (const background of ['#ffffff', shades[0], shades[1]]) expect(contrast(shade, background), `${name} ${shade} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
