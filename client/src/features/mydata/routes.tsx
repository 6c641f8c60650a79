import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { myDataPaths } from './paths';

/** « Mes données » and the direction's queue of rectification requests, each loaded on demand. */
export const myDataRoutes: RouteObject[] = [
  { path: myDataPaths.myData, element: lazyPage(() => import('./MyDataPage'), 'MyDataPage') },
  { path: myDataPaths.queue, element: lazyPage(() => import('./RectificationQueuePage'), 'RectificationQueuePage') },
];
