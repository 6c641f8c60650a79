import { DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';

/** Shades 6–9 of the palettes Préau uses, darkened (same hues): generated, see the test. Shades 0–5 are Mantine's own. */
const DARKER_SHADES = {
  red: ['#c70606', '#b70e0e', '#a61919', '#941f1f'],
  grape: ['#9f26be', '#8e2ea6', '#832d98', '#78298c'],
  blue: ['#1364ab', '#155d9e', '#135593', '#134f87'],
  cyan: ['#0d6d7a', '#0a6370', '#085c6a', '#085462'],
  teal: ['#0b7052', '#08684b', '#066044', '#05563e'],
  green: ['#257032', '#20682d', '#1d612a', '#1b5727'],
  yellow: ['#825c03', '#7d5100', '#7b4800', '#783e00'],
  orange: ['#9f4901', '#994004', '#913807', '#8a2e0a'],
} as const;

type PaletteName = keyof typeof DARKER_SHADES;

/** Mantine's palettes with shades 6–9 darkened so that text of those shades reaches 4.5:1 on white and on the light
 * tints (shades 0–1, the `light` variants' backgrounds), and white text on them too. */
export const ACCESSIBLE_COLORS = Object.fromEntries(
  Object.entries(DARKER_SHADES).map(([name, dark]) => [name, [...DEFAULT_THEME.colors[name as PaletteName].slice(0, 6), ...dark] as unknown as MantineColorsTuple]),
) as Record<PaletteName, MantineColorsTuple>;
