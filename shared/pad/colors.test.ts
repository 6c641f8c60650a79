import { describe, expect, it } from 'vitest';
import { contrastRatio, deltaE2000, deltaE2000Lab } from './color-distance';
import { AUTHOR_COLORS, AUTHOR_TEXT_COLOR, AuthorColors, authorColor, CARET_LABEL_COLOR, MIN_AUTHOR_COLOR_DISTANCE } from './colors';

const pairs = <T>(list: readonly T[]): [T, T][] => list.flatMap((a, i) => list.slice(i + 1).map((b): [T, T] => [a, b]));

describe('author colours', () => {
  it('computes CIEDE2000 as published (Sharma, Wu and Dalal test data)', () => {
    expect(deltaE2000Lab([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000Lab([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000Lab([50, 2.49, -0.001], [50, -2.49, 0.0009])).toBeCloseTo(7.1792, 4);
    expect(deltaE2000Lab([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000Lab([50, 2.5, 0], [61, -5, 29])).toBeCloseTo(22.8977, 4);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
  });

  it('keeps any two carets, and any two highlights, clearly apart', () => {
    for (const part of ['caret', 'highlight'] as const) {
      for (const [a, b] of pairs(AUTHOR_COLORS.map((color) => color[part]))) {
        expect(deltaE2000(a, b), `${part}s ${a} and ${b}`).toBeGreaterThanOrEqual(MIN_AUTHOR_COLOR_DISTANCE);
      }
    }
    // The two pale oranges of the issue (rgb(255,232,204) and rgb(255,244,230)) were 5 apart.
    expect(deltaE2000('#ffe8cc', '#fff4e6')).toBeLessThan(MIN_AUTHOR_COLOR_DISTANCE);
  });

  it('keeps text readable: text on every highlight, and the white name on every caret, pass WCAG AA', () => {
    for (const color of AUTHOR_COLORS) {
      expect(contrastRatio(color.highlight, AUTHOR_TEXT_COLOR), color.highlight).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(color.highlight, '#000000'), color.highlight).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(color.caret, CARET_LABEL_COLOR), color.caret).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives two people of one pad different carets and highlights, even when they would prefer the same colour', () => {
    // Two ids with the same preferred colour (found, not assumed).
    const ids = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const first = ids[0]!;
    const twin = ids.find((id) => id !== first && authorColor(id) === authorColor(first))!;
    expect(twin).toBeDefined();
    const pad = new AuthorColors();
    const [a, b] = [pad.colorOf(first), pad.colorOf(twin)];
    expect(a.caret).not.toBe(b.caret);
    expect(a.highlight).not.toBe(b.highlight);
    expect(deltaE2000(a.caret, b.caret)).toBeGreaterThanOrEqual(MIN_AUTHOR_COLOR_DISTANCE);
    // Kept: asking again gives the same colour, caret and highlight from the same pair.
    expect(pad.colorOf(first)).toBe(a);
    expect(AUTHOR_COLORS).toContain(b);
  });

  it('gives everyone a different colour until the palette is used up, then starts again', () => {
    const pad = new AuthorColors();
    const ids = Array.from({ length: AUTHOR_COLORS.length }, (_, i) => `pupil-${i}`);
    pad.addAll(ids);
    expect(new Set(ids.map((id) => pad.colorOf(id).caret)).size).toBe(AUTHOR_COLORS.length);
    expect(AUTHOR_COLORS).toContain(pad.colorOf('one-more'));
  });
});
