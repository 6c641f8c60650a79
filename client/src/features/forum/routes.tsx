import type { RouteObject } from 'react-router';

/** The forum's pages, mounted behind the signed-in and charter gates (see client/src/app/router.tsx). */
export const forumRoutes: RouteObject[] = [];
