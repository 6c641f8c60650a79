import { Router } from 'express';
import type { ServerContext } from '../context';
import type { RouteRuntime } from '../http/route';
import { adminRoutes } from './admin/routes';
import { auditRoutes } from './audit/routes';
import { authRoutes } from './auth/routes';
import { charterRoutes } from './charter/routes';
import { chatRoutes } from './chat/routes';
import { displayRoutes } from './display/routes';
import { familyRoutes } from './family/routes';
import { forumRoutes } from './forum/routes';
import { emailRoutes } from './notifications/email/routes';
import { quietRoutes } from './notifications/quiet/routes';
import { myDataRoutes } from './mydata/routes';
import { lifecycleRoutes } from './lifecycle/routes';
import { padRoutes } from './pad/routes';
import { schoolYearRoutes } from './schoolyear/routes';
import { designationRoutes } from './moderation/designation';
import { evidenceRoutes } from './moderation/evidence';
import { moderationSettingsRoutes } from './moderation/settings';
import { notificationRoutes } from './notifications/routes';
import { spaceLifecycleRoutes } from './spaces/lifecycle-routes';
import { spaceRoutes } from './spaces/routes';
import { wallRoutes } from './wall/routes';

/** Every feature's REST routes, mounted under `/api`. A feature adds its router here. */
export function featureRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  for (const routes of [authRoutes, charterRoutes, adminRoutes, auditRoutes, spaceLifecycleRoutes, spaceRoutes, designationRoutes, evidenceRoutes, moderationSettingsRoutes, wallRoutes, chatRoutes, forumRoutes, padRoutes, notificationRoutes, quietRoutes, emailRoutes, familyRoutes, displayRoutes, myDataRoutes, schoolYearRoutes, lifecycleRoutes]) router.use(routes(ctx, runtime));
  return router;
}
