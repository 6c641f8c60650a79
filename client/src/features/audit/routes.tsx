import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { auditPaths } from './paths';

/** The audit console and a pupil's activity, each loaded on demand, behind the signed-in and charter gates (the server decides who reads what). */
export const auditRoutes: RouteObject[] = [
  { path: auditPaths.console, element: lazyPage(() => import('./AuditConsolePage'), 'AuditConsolePage') },
  { path: auditPaths.activity, element: lazyPage(() => import('./PupilActivityPage'), 'PupilActivityPage') },
];
