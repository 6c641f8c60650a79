import type { RouteObject } from 'react-router';
import { MyReportsPage } from './MyReportsPage';

/** Where each user follows what they reported (behind the signed-in and charter gates). */
export const reportsPath = '/mes-signalements';
export const reportsRoutes: RouteObject[] = [{ path: reportsPath, element: <MyReportsPage /> }];
