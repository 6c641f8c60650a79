import { Router } from 'express';
import { z } from 'zod';
import { ACCOUNT_ACTIVITY_EVENTS, type AuditEntry } from '../../../shared/audit/events';
import { can } from '../../../shared/policy/can';
import type { Resource } from '../../../shared/policy/resources';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { AUDIT_EXPORT_MAX_ROWS } from '../../../shared/moderation/limits';
import { CSV_CONTENT_TYPE, parisDay } from '../../../shared/csv';
import { auditCsv, auditExportNames } from './export';
import { auditSettingsRoutes } from './retention-settings';
import { AuditExportSchema, AuditQuerySchema, assertRangeInOrder, auditFilter, describeFilter } from './query';

/** The audit-log resource a request asks about: the school, or one class for a teacher. */
const logResource = (state: AuthedRequestState, classId: string | undefined): Resource => ({
  type: 'auditLog',
  schoolId: state.user.schoolId,
  ...(classId ? { classId } : {}),
});

/**
 * What a reader of the log sees of each entry. The director (who verifies the log) sees it whole; a teacher sees
 * who did what, but not the network details of pupils and parents (IP address, browser, session).
 */
function presentEntries(state: AuthedRequestState, entries: AuditEntry[]): AuditEntry[] {
  if (can(state.actor, 'verifyAudit', { type: 'auditLog', schoolId: state.user.schoolId })) return entries;
  return entries.map((entry) => ({ ...entry, actor: { ...entry.actor, ip: null, userAgent: null, sessionHash: null } }));
}

/** Reading, exporting and verifying the audit log; every read is itself logged (BRIEF checklist 13). */
export function auditRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  router.use(auditSettingsRoutes(ctx, runtime));
  const { audit } = ctx.services;
  const logRead = (state: AuthedRequestState, event: 'audit.read' | 'audit.exported' | 'activity.read', targetType: string, targetId: string, reason: string, classId?: string) =>
    audit.record({
      schoolId: state.user.schoolId,
      actor: auditActorOf(state),
      origin: 'http',
      event,
      target: { type: targetType, id: targetId, ownerId: targetType === 'user' ? targetId : null },
      context: { classId: classId ?? null, spaceId: null },
      reason,
    });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/audit',
    query: AuditQuerySchema,
    policy: { check: (state, { query }) => ({ action: 'readAudit', resource: logResource(state, query.classId) }) },
    async handler({ query, state }) {
      const authed = state as AuthedRequestState;
      assertRangeInOrder(query);
      const filter = auditFilter(authed.user.schoolId, query);
      const [items, total] = await Promise.all([
        audit.find(filter, { limit: query.pageSize, skip: (query.page - 1) * query.pageSize }),
        audit.count(filter),
      ]);
      await logRead(authed, 'audit.read', 'auditLog', query.classId ?? authed.user.schoolId, describeFilter(query), query.classId);
      return { items: presentEntries(authed, items), total, page: query.page, pageSize: query.pageSize };
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/audit/export.csv',
    query: AuditExportSchema,
    policy: { check: (state, { query }) => ({ action: 'readAudit', resource: logResource(state, query.classId) }) },
    async handler({ query, state, res }) {
      const authed = state as AuthedRequestState;
      const { technical, ...filters } = query;
      assertRangeInOrder(filters);
      const entries = presentEntries(authed, await audit.find(auditFilter(authed.user.schoolId, filters), { limit: AUDIT_EXPORT_MAX_ROWS }));
      const what = `${entries.length} rows${technical ? ' with the technical columns' : ''}`;
      await logRead(authed, 'audit.exported', 'auditLog', filters.classId ?? authed.user.schoolId, `${what} ${describeFilter(filters)}`, filters.classId);
      const names = await auditExportNames(ctx, authed.user.schoolId, entries);
      res.setHeader('Content-Type', CSV_CONTENT_TYPE);
      res.setHeader('Content-Disposition', `attachment; filename="journal-preau-${technical ? 'technique-' : ''}${parisDay(Date.now())}.csv"`);
      res.send(auditCsv(entries, names, { technical }));
      return undefined;
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/audit/readers',
    query: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) }),
    policy: { check: (state) => ({ action: 'verifyAudit', resource: logResource(state, undefined) }) },
    async handler({ query, state }) {
      const authed = state as AuthedRequestState;
      const filter = { schoolId: authed.user.schoolId, event: { $in: ['audit.read', 'audit.exported', 'audit.verified', 'evidence.read', 'activity.read', 'admin.read_personal'] } };
      const [items, total] = await Promise.all([
        audit.find(filter, { limit: query.pageSize, skip: (query.page - 1) * query.pageSize }),
        audit.count(filter),
      ]);
      await logRead(authed, 'audit.read', 'auditLog', authed.user.schoolId, 'readers of the log and the evidence');
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/audit/verify',
    policy: { check: (state) => ({ action: 'verifyAudit', resource: logResource(state, undefined) }) },
    async handler({ state }) {
      const schoolId = state.user!.schoolId;
      const result = await audit.verify(schoolId);
      await audit.record({
        schoolId,
        actor: auditActorOf(state),
        origin: 'http',
        event: 'audit.verified',
        target: { type: 'auditLog', id: schoolId, ownerId: null },
        reason: result.ok
          ? `ok (${result.count} entries${result.skipped.length > 0 ? `, ${result.skipped.length} gap(s) skipped` : ''})`
          : `broken${result.firstBrokenSeq === null ? '' : ` at ${result.firstBrokenSeq}`}: ${result.problems.length} problem(s), first: ${result.problem ?? ''}`,
      });
      return result;
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/users/:id/activity',
    query: AuditQuerySchema.pick({ page: true, pageSize: true, from: true, to: true }),
    policy: { check: (state, { params }) => ({ action: 'readActivity', resource: { type: 'user', schoolId: state.user.schoolId, userId: params.id ?? '' } }) },
    async handler({ params, query, state }) {
      const authed = state as AuthedRequestState;
      const userId = params.id ?? '';
      assertRangeInOrder(query);
      // What the person did, and what was done to their account by others (refused sign-ins, one-time codes).
      const filter = {
        ...auditFilter(authed.user.schoolId, { from: query.from, to: query.to }),
        $or: [{ 'actor.userId': userId }, { event: { $in: [...ACCOUNT_ACTIVITY_EVENTS] }, 'target.id': userId }],
      };
      const [items, total, user] = await Promise.all([
        audit.find(filter, { limit: query.pageSize, skip: (query.page - 1) * query.pageSize }),
        audit.count(filter),
        ctx.services.directory.users.findOne({ _id: userId, schoolId: authed.user.schoolId }),
      ]);
      await logRead(authed, 'activity.read', 'user', userId, `page ${query.page}`);
      return { user: user ? { id: user._id, displayName: user.displayName, profiles: user.profiles } : null, items: presentEntries(authed, items), total, page: query.page, pageSize: query.pageSize };
    },
  });

  return router;
}
