/** The wall's URLs (French, like the rest of the product). */
export const wallPaths = {
  list: '/murs',
  wall: '/murs/:spaceId',
  print: '/murs/:spaceId/impression',
} as const;

export const wallPath = (spaceId: string): string => `/murs/${encodeURIComponent(spaceId)}`;
export const wallPrintPath = (spaceId: string): string => `/murs/${encodeURIComponent(spaceId)}/impression`;
