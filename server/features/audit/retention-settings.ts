import { Router } from 'express';
import { AuditSettingsSchema, type AuditSettings } from '../../../shared/audit/retention';
import { auditedChange } from '../../audit/command';
import { auditRetentionMonths } from '../../audit/retention';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';

/** `GET`/`PUT /api/audit/settings`: the school's log retention (6 to 12 months), set by the director, audited. */
export function auditSettingsRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const director = { check: (state: AuthedRequestState) => ({ action: 'verifyAudit' as const, resource: { type: 'auditLog' as const, schoolId: state.user.schoolId } }) };
  defineRoute(router, runtime, {
    method: 'get',
    path: '/audit/settings',
    policy: director,
    handler: async ({ state }): Promise<AuditSettings> => ({ auditRetentionMonths: await auditRetentionMonths(ctx, state.user!.schoolId) }),
  });
  defineRoute(router, runtime, {
    method: 'put',
    path: '/audit/settings',
    body: AuditSettingsSchema,
    policy: director,
    handler: ({ state, body }): Promise<AuditSettings> => {
      const authed = state as AuthedRequestState;
      const schoolId = authed.user.schoolId;
      return auditedChange(ctx, async (record) => {
        const before = await auditRetentionMonths(ctx, schoolId);
        await ctx.services.directory.schools.updateOne({ _id: schoolId }, { $set: { 'settings.auditRetentionMonths': body.auditRetentionMonths } });
        await record({
          schoolId,
          actor: auditActorOf(authed),
          origin: 'http',
          event: 'audit.retention_changed',
          target: { type: 'school', id: schoolId, ownerId: null },
          change: { fields: before === body.auditRetentionMonths ? [] : ['auditRetentionMonths'], before: { auditRetentionMonths: before }, after: body },
          reason: `log kept ${body.auditRetentionMonths} months`,
        });
        return body;
      });
    },
  });
  return router;
}
