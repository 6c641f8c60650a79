import type { RouteObject } from 'react-router';
import { MyReportsPage } from './MyReportsPage';
import { reportsPath } from './paths';

/** Where each user follows what they reported (behind the signed-in and charter gates). */
export const reportsRoutes: RouteObject[] = [{ path: reportsPath, element: <MyReportsPage /> }];
