import type { RouteObject } from 'react-router';
import { AuditConsolePage } from './AuditConsolePage';
import { auditPaths } from './paths';
import { PupilActivityPage } from './PupilActivityPage';

/** The audit console and a pupil's activity, behind the signed-in and charter gates (the server decides who reads what). */
export const auditRoutes: RouteObject[] = [
  { path: auditPaths.console, element: <AuditConsolePage /> },
  { path: auditPaths.activity, element: <PupilActivityPage /> },
];
