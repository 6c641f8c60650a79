import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { wallPaths } from './paths';

/** The wall's pages, each loaded on demand, mounted behind the session gate ("ready") by the app router. */
export const wallRoutes: RouteObject[] = [
  { path: wallPaths.list, element: lazyPage(() => import('./WallsPage'), 'WallsPage') },
  { path: wallPaths.wall, element: lazyPage(() => import('./WallPage'), 'WallPage') },
  { path: wallPaths.print, element: lazyPage(() => import('./WallPrintPage'), 'WallPrintPage') },
];
