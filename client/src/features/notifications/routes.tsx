import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { notificationPaths } from './paths';

/** The notification centre and its preferences (loaded on demand, behind the signed-in and charter gates). */
export const notificationRoutes: RouteObject[] = [
  { path: notificationPaths.centre, element: lazyPage(() => import('./NotificationsPage'), 'NotificationsPage') },
  { path: notificationPaths.preferences, element: lazyPage(() => import('./PreferencesPage'), 'PreferencesPage') },
];
