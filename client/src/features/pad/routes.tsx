import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { padPaths } from './paths';

/** The pad's pages, each loaded on demand, mounted behind the signed-in and charter gates (see client/src/app/router.tsx). */
export const padRoutes: RouteObject[] = [
  { path: padPaths.list, element: lazyPage(() => import('./PadsPage'), 'PadsPage') },
  { path: padPaths.pad, element: lazyPage(() => import('./PadPage'), 'PadPage') },
];
