import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { reportsPath } from './paths';

/** Where each user follows what they reported (loaded on demand, behind the signed-in and charter gates). */
export const reportsRoutes: RouteObject[] = [{ path: reportsPath, element: lazyPage(() => import('./MyReportsPage'), 'MyReportsPage') }];
