import type { RouteObject } from 'react-router';
import { wallPaths } from './paths';
import { WallPage } from './WallPage';
import { WallPrintPage } from './WallPrintPage';
import { WallsPage } from './WallsPage';

/** The wall's pages, mounted behind the session gate ("ready") by the app router. */
export const wallRoutes: RouteObject[] = [
  { path: wallPaths.list, element: <WallsPage /> },
  { path: wallPaths.wall, element: <WallPage /> },
  { path: wallPaths.print, element: <WallPrintPage /> },
];
