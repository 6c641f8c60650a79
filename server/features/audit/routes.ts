import { Router } from 'express';
import { z } from 'zod';
import { AUDIT_EVENTS } from '../../../shared/audit/events';
import type { ServerContext } from '../../context';
import { auditActorOf } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import type { Filter } from '../../storage/port';

const AuditQuerySchema = z.object({
  actor: z.string().max(64).optional(),
  event: z.enum(AUDIT_EVENTS).optional(),
  classId: z.string().max(64).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Reading and verifying the audit log; both reads are themselves logged (BRIEF checklist 13). */
export function auditRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const { audit } = ctx.services;

  defineRoute(router, runtime, {
    method: 'get',
    path: '/audit',
    query: AuditQuerySchema,
    policy: {
      check: (state, { query }) => ({
        action: 'readAudit',
        resource: { type: 'auditLog', schoolId: state.user.schoolId, ...(query.classId ? { classId: query.classId } : {}) },
      }),
    },
    async handler({ query, state }) {
      const schoolId = state.user!.schoolId;
      const filter: Filter = { schoolId };
      if (query.actor) filter['actor.userId'] = query.actor;
      if (query.event) filter.event = query.event;
      if (query.classId) filter['context.classId'] = query.classId;
      if (query.from !== undefined || query.to !== undefined) {
        filter.ts = { ...(query.from !== undefined ? { $gte: query.from } : {}), ...(query.to !== undefined ? { $lte: query.to } : {}) };
      }
      const [items, total] = await Promise.all([
        audit.find(filter, { limit: query.pageSize, skip: (query.page - 1) * query.pageSize }),
        audit.count(filter),
      ]);
      await audit.record({
        schoolId,
        actor: auditActorOf(state),
        origin: 'http',
        event: 'audit.read',
        target: { type: 'auditLog', id: query.classId ?? schoolId, ownerId: null },
        context: { classId: query.classId ?? null, spaceId: null },
        reason: JSON.stringify({ ...query, page: undefined, pageSize: undefined }),
      });
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/audit/verify',
    policy: { check: (state) => ({ action: 'verifyAudit', resource: { type: 'auditLog', schoolId: state.user.schoolId } }) },
    async handler({ state }) {
      const schoolId = state.user!.schoolId;
      const result = await audit.verify(schoolId);
      await audit.record({
        schoolId,
        actor: auditActorOf(state),
        origin: 'http',
        event: 'audit.verified',
        target: { type: 'auditLog', id: schoolId, ownerId: null },
        reason: result.ok ? `ok (${result.count} entries)` : `broken at ${result.firstBrokenSeq}: ${result.problem}`,
      });
      return result;
    },
  });

  return router;
}
