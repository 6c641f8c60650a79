import { createBrowserRouter, Navigate } from 'react-router';
import { SIGN_IN_CARD_PATH } from '../../../shared/identity/paths';
import { SessionGate } from '../features/auth/SessionGate';
import { SignInPage } from '../features/auth/SignInPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { NotFoundPage } from '../features/errors/NotFoundPage';
import { RouteErrorPage } from '../features/errors/RouteErrorPage';
import { auditRoutes } from '../features/audit/routes';
import { auditPaths } from '../features/audit/paths';
import { chatRoutes } from '../features/chat/routes';
import { familyRoutes } from '../features/family/routes';
import { forumRoutes } from '../features/forum/routes';
import { moderationRoutes } from '../features/moderation/routes';
import { myDataRoutes } from '../features/mydata/routes';
import { notificationRoutes } from '../features/notifications/routes';
import { reportsRoutes } from '../features/reports/routes';
import { padRoutes } from '../features/pad/routes';
import { wallRoutes } from '../features/wall/routes';
import { AppLayout } from './layout/AppLayout';
import { lazyPage } from './lazyPage';
import { paths } from './paths';

/**
 * The first pages (the public home, sign-in, a pupil's home) are in the entry chunk: nothing waits for a second
 * round trip there. Every other page is loaded on demand (`lazyPage`), each feature's from its `routes.tsx`.
 * Public pages, then the signed-in part behind two gates: any session (the forced password change and the
 * charter), then a session past those steps (everything else, with the live connection open). Admin pages
 * are not hidden here: the server answers 403 to whoever may not see them, and the page says so.
 */
export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: paths.home, element: lazyPage(() => import('../features/home/HomePage'), 'HomePage') },
      { path: paths.signIn, element: <SignInPage /> },
      // A class sign-in card's QR code (issue 18): public, signs the pupil in from the link's token.
      { path: SIGN_IN_CARD_PATH, element: lazyPage(() => import('../features/auth/CardSignInPage'), 'CardSignInPage') },
      {
        element: <SessionGate require="signedIn" />,
        children: [
          { path: paths.changePassword, element: lazyPage(() => import('../features/auth/ChangePasswordPage'), 'ChangePasswordPage') },
          { path: paths.charter, element: lazyPage(() => import('../features/charter/CharterPage'), 'CharterPage') },
          {
            element: <SessionGate require="ready" />,
            children: [
              { path: paths.dashboard, element: <DashboardPage /> },
              { path: paths.account, element: lazyPage(() => import('../features/account/AccountPage'), 'AccountPage') },
              { path: paths.classRoster, element: lazyPage(() => import('../features/dashboard/ClassRosterPage'), 'ClassRosterPage') },
              { path: paths.adminUsers, element: lazyPage(() => import('../features/admin/AdminUsersPage'), 'AdminUsersPage') },
              { path: paths.adminClasses, element: lazyPage(() => import('../features/admin/AdminClassesPage'), 'AdminClassesPage') },
              { path: paths.adminImport, element: lazyPage(() => import('../features/admin/AdminImportPage'), 'AdminImportPage') },
              { path: paths.adminCharter, element: lazyPage(() => import('../features/admin/AdminCharterPage'), 'AdminCharterPage') },
              { path: paths.adminModeration, element: lazyPage(() => import('../features/admin/AdminModerationPage'), 'AdminModerationPage') },
              { path: '/admin/annee-scolaire', element: lazyPage(() => import('../features/admin/NewSchoolYearPage'), 'NewSchoolYearPage') },
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
              ...familyRoutes,
              ...notificationRoutes,
              ...myDataRoutes,
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
