import { createTheme, mergeThemeOverrides, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';
import { ACCESSIBLE_COLORS } from './palettes';

/** A calm, saturated blue: shade 7 (the primary shade) has a 5.7:1 contrast ratio on white. */
const preau: MantineColorsTuple = [
  '#edf2ff',
  '#dbe4fc',
  '#b4c6f5',
  '#8aa6ee',
  '#6889e6',
  '#5178e1',
  '#4470de',
  '#2f5fd0',
  '#2853b8',
  '#1d469f',
];

/** System fonts only: the CSP forbids font CDNs and we ship no web font. */
const fontStack =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji'";

/**
 * Friendly theme for pupils (6–15) and adults: larger type than Mantine's defaults,
 * rounded shapes, a primary colour with AA contrast and a focus ring shown on keyboard navigation.
 */
export const theme = createTheme({
  primaryColor: 'preau',
  primaryShade: { light: 7, dark: 8 },
  // Mantine's palettes with darker shades 6–9 (palettes.ts): red « Signaler », green « EN DIRECT » / « Réussi »,
  // orange « Modération »… reach 4.5:1 wherever a shade is used as text or under white text.
  colors: { preau, ...ACCESSIBLE_COLORS },
  autoContrast: true,
  fontFamily: fontStack,
  headings: {
    fontFamily: fontStack,
    fontWeight: '750',
    sizes: {
      h1: { fontSize: 'clamp(1.75rem, 1.4rem + 1.6vw, 2.5rem)', lineHeight: '1.2' },
      h2: { fontSize: '1.5rem', lineHeight: '1.3' },
      h3: { fontSize: '1.25rem', lineHeight: '1.35' },
    },
  },
  fontSizes: {
    xs: '0.875rem',
    sm: '1rem',
    md: '1.0625rem',
    lg: '1.1875rem',
    xl: '1.375rem',
  },
  lineHeights: { md: '1.6' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  respectReducedMotion: true,
  components: {
    Button: {
      defaultProps: { size: 'md' },
      // Long French labels wrap on a phone instead of overflowing the screen.
      styles: {
        root: { height: 'auto', minHeight: 'var(--button-height)' },
        label: { whiteSpace: 'normal', textAlign: 'center', paddingBlock: '0.3em', lineHeight: 1.25 },
      },
    },
    Modal: { styles: { title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Textarea: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
    MultiSelect: { defaultProps: { size: 'md' } },
    FileInput: { defaultProps: { size: 'md' } },
    Checkbox: { defaultProps: { size: 'md' } },
    Badge: { defaultProps: { size: 'lg' } },
    // A link is never told by its colour alone (WCAG 1.4.1): underlined, inside text or not.
    Anchor: { defaultProps: { underline: 'always' } },
  },
});

/**
 * The theme with the words it carries: every modal's and drawer's × button is named (« Fermer ») for screen readers,
 * once here rather than on each dialog (a dialog may still name its own).
 */
export function themeWithLabels(labels: { close: string }): MantineThemeOverride {
  const closeButtonProps = { 'aria-label': labels.close };
  return mergeThemeOverrides(theme, {
    components: {
      Modal: { defaultProps: { closeButtonProps } },
      Drawer: { defaultProps: { closeButtonProps } },
    },
  });
}

/**
 * Text colours Mantine derives from shades 6–7 are below the WCAG AA 4.5:1 ratio on white or on light tints:
 * "dimmed" grey, error messages and the text of light red / green / orange alerts and badges. Use darker shades.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-9)',
    '--mantine-color-green-light-color': 'var(--mantine-color-green-9)',
    '--mantine-color-orange-light-color': 'var(--mantine-color-orange-9)',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
    // Placeholders are read too: 4.8:1 on white instead of Mantine's pale grey.
    '--mantine-color-placeholder': '#6b7280',
    // Filled red buttons (suspend) with white text: red-9 reaches 5.6:1.
    '--mantine-color-red-filled': 'var(--mantine-color-red-9)',
    '--mantine-color-red-filled-hover': '#a51d1d',
  },
  dark: {},
});
