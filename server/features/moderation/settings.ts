import { Router } from 'express';
import { EVIDENCE_DEFAULT_RETENTION_MONTHS } from '../../../shared/moderation/limits';
import { ModerationSettingsSchema, type ModerationSettings } from '../../../shared/moderation/types';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { evidenceCollection, evidencePurger, MONTH_MS } from './evidence';

/** The school's moderation settings, with their defaults. */
export async function moderationSettings(ctx: ServerContext, schoolId: string): Promise<ModerationSettings> {
  const school = await ctx.services.directory.schools.findOne({ _id: schoolId });
  return {
    autoHideAfterReports: school?.settings?.autoHideAfterReports ?? null,
    evidenceRetentionMonths: school?.settings?.evidenceRetentionMonths ?? EVIDENCE_DEFAULT_RETENTION_MONTHS,
  };
}

/**
 * Changes the school's moderation settings (the director). A new retention applies to the evidence already kept:
 * each item's expiry is recomputed from when it was kept, and what is now expired is purged at once.
 */
async function moderationSettingsChanger(ctx: ServerContext, state: AuthedRequestState, next: ModerationSettings): Promise<ModerationSettings> {
  const schoolId = state.user.schoolId;
  const before = await auditedChange(ctx, async (record) => {
    const current = await moderationSettings(ctx, schoolId);
    await ctx.services.directory.schools.updateOne({ _id: schoolId }, { $set: { 'settings.autoHideAfterReports': next.autoHideAfterReports, 'settings.evidenceRetentionMonths': next.evidenceRetentionMonths } });
    await record({
      schoolId,
      actor: auditActorOf(state),
      origin: 'http',
      event: 'moderation.settings_changed',
      target: { type: 'school', id: schoolId, ownerId: null },
      change: { fields: Object.keys(next).filter((key) => current[key as keyof ModerationSettings] !== next[key as keyof ModerationSettings]), before: current, after: next },
      reason: `automatic hide: ${next.autoHideAfterReports ?? 'off'}; evidence kept ${next.evidenceRetentionMonths} months`,
    });
    return current;
  });
  if (before.evidenceRetentionMonths !== next.evidenceRetentionMonths) {
    const kept = evidenceCollection(ctx);
    for (const item of await kept.find({ schoolId }, { limit: 100_000 })) {
      await kept.updateOne({ _id: item._id }, { $set: { expiresAt: item.createdAt + next.evidenceRetentionMonths * MONTH_MS } });
    }
    await evidencePurger(ctx);
  }
  return next;
}

/** `GET`/`PUT /api/moderation/settings`: the director's school-wide moderation settings. */
export function moderationSettingsRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const directorOnly = { check: (state: AuthedRequestState) => ({ action: 'moderate' as const, resource: { type: 'school' as const, schoolId: state.user.schoolId } }) };
  defineRoute(router, runtime, {
    method: 'get',
    path: '/moderation/settings',
    policy: directorOnly,
    handler: ({ state }) => moderationSettings(ctx, state.user!.schoolId),
  });
  defineRoute(router, runtime, {
    method: 'put',
    path: '/moderation/settings',
    body: ModerationSettingsSchema,
    policy: directorOnly,
    handler: ({ state, body }) => moderationSettingsChanger(ctx, state as AuthedRequestState, body),
  });
  return router;
}
