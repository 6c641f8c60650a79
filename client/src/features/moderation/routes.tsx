import type { RouteObject } from 'react-router';

/** The moderation's pages, mounted behind the signed-in and charter gates (see client/src/app/router.tsx). */
export const moderationRoutes: RouteObject[] = [];
