import { em } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { CSSProperties } from 'react';

/** Below this width tables become lists and the header keeps only what fits (Mantine's `sm`). */
export const PHONE_QUERY = `(max-width: ${em(767.98)})`;

/**
 * Below this width (tablets held upright, phones) the navigation is a drawer behind the burger, so that a wall's
 * columns get the whole screen (issue 18: on an 820 px tablet a side menu kept 230 px).
 */
export const NAV_DRAWER_MAX_PX = 1023.98;
/** The same width for AppShell's `navbar.breakpoint` (from which the navbar is shown) and for media queries. */
export const NAV_BREAKPOINT = em(NAV_DRAWER_MAX_PX + 0.02);
export const NAV_DRAWER_QUERY = `(max-width: ${em(NAV_DRAWER_MAX_PX)})`;

/** The smallest touch target (WCAG 2.5.5, target size, enhanced): 44 × 44 CSS pixels. */
export const TOUCH_TARGET_PX = 44;
/** Inline style giving a button at least the touch target's size. */
export const touchTarget: CSSProperties = { minWidth: TOUCH_TARGET_PX, minHeight: TOUCH_TARGET_PX };

export function useIsPhone(): boolean {
  return useMediaQuery(PHONE_QUERY) ?? false;
}

/** Whether the navigation is a drawer (below 1024 px). */
export function useNavIsDrawer(): boolean {
  return useMediaQuery(NAV_DRAWER_QUERY) ?? false;
}
