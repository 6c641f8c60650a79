import { em } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** Below this width the navbar becomes a drawer and tables become lists (Mantine's `sm`). */
export const PHONE_QUERY = `(max-width: ${em(767.98)})`;

export function useIsPhone(): boolean {
  return useMediaQuery(PHONE_QUERY) ?? false;
}
