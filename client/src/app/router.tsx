import { createBrowserRouter, Navigate } from 'react-router';
import { AccountPage } from '../features/account/AccountPage';
import { AdminCharterPage } from '../features/admin/AdminCharterPage';
import { AdminClassesPage } from '../features/admin/AdminClassesPage';
import { AdminImportPage } from '../features/admin/AdminImportPage';
import { AdminModerationPage } from '../features/admin/AdminModerationPage';
import { AdminUsersPage } from '../features/admin/AdminUsersPage';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { SessionGate } from '../features/auth/SessionGate';
import { SignInPage } from '../features/auth/SignInPage';
import { CharterPage } from '../features/charter/CharterPage';
import { ClassRosterPage } from '../features/dashboard/ClassRosterPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { NotFoundPage } from '../features/errors/NotFoundPage';
import { RouteErrorPage } from '../features/errors/RouteErrorPage';
import { HomePage } from '../features/home/HomePage';
import { auditRoutes } from '../features/audit/routes';
import { auditPaths } from '../features/audit/paths';
import { chatRoutes } from '../features/chat/routes';
import { forumRoutes } from '../features/forum/routes';
import { moderationRoutes } from '../features/moderation/routes';
import { reportsRoutes } from '../features/reports/routes';
import { padRoutes } from '../features/pad/routes';
import { wallRoutes } from '../features/wall/routes';
import { AppLayout } from './layout/AppLayout';
import { paths } from './paths';

/**
 * Public pages, then the signed-in part behind two gates: any session (the forced password change and the
 * charter), then a session past those steps (everything else, with the live connection open). Admin pages
 * are not hidden here: the server answers 403 to whoever may not see them, and the page says so.
 */
export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: paths.home, element: <HomePage /> },
      { path: paths.signIn, element: <SignInPage /> },
      {
        element: <SessionGate require="signedIn" />,
        children: [
          { path: paths.changePassword, element: <ChangePasswordPage /> },
          { path: paths.charter, element: <CharterPage /> },
          {
            element: <SessionGate require="ready" />,
            children: [
              { path: paths.dashboard, element: <DashboardPage /> },
              { path: paths.account, element: <AccountPage /> },
              { path: paths.classRoster, element: <ClassRosterPage /> },
              { path: paths.adminUsers, element: <AdminUsersPage /> },
              { path: paths.adminClasses, element: <AdminClassesPage /> },
              { path: paths.adminImport, element: <AdminImportPage /> },
              { path: paths.adminCharter, element: <AdminCharterPage /> },
              { path: paths.adminModeration, element: <AdminModerationPage /> },
              // The director's old address of the log: the console now serves teachers and the director.
              { path: paths.adminAudit, element: <Navigate to={auditPaths.console} replace /> },
              // Each feature owns its pages in `features/<feature>/routes.tsx`.
              ...wallRoutes,
              ...padRoutes,
              ...forumRoutes,
              ...chatRoutes,
              ...moderationRoutes,
              ...reportsRoutes,
              ...auditRoutes,
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
