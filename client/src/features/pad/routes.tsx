import type { RouteObject } from 'react-router';
import { PadPage } from './PadPage';
import { PadsPage } from './PadsPage';
import { padPaths } from './paths';

/** The pad's pages, mounted behind the signed-in and charter gates (see client/src/app/router.tsx). */
export const padRoutes: RouteObject[] = [
  { path: padPaths.list, element: <PadsPage /> },
  { path: padPaths.pad, element: <PadPage /> },
];
