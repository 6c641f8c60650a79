/** The pad's URLs (French, like the rest of the product; the dashboard links to `/pads/<id>`). */
export const padPaths = {
  list: '/pads',
  pad: '/pads/:spaceId',
} as const;

export const padPath = (spaceId: string): string => `/pads/${encodeURIComponent(spaceId)}`;
