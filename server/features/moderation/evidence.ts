import { Router } from 'express';
import { z } from 'zod';
import { EVIDENCE_DEFAULT_RETENTION_MONTHS } from '../../../shared/moderation/limits';
import type { ServerContext } from '../../context';
import { auditedChange } from '../../audit/command';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { newId, type BaseDoc } from '../../storage/port';
import { spaceResource } from '../spaces/model';
import { loadSpace } from '../spaces/service';

/**
 * The original of moderated content, kept as evidence (BRIEF rule 5): visible to the teachers of the class and
 * the director only, never to pupils or parents, and purged after the school's retention period.
 */
export interface EvidenceDoc extends BaseDoc {
  schoolId: string;
  spaceId: string;
  classId: string | null;
  itemType: string;
  itemId: string;
  authorId: string | null;
  /** What the item held before the moderation action (text, rich text, card fields…). */
  original: Record<string, unknown>;
  action: string;
  reason: string | null;
  moderatorId: string;
  createdAt: number;
  expiresAt: number;
}

export const MONTH_MS = 30 * 24 * 60 * 60 * 1000;

export const evidenceCollection = (ctx: ServerContext) => ctx.store.collection<EvidenceDoc>('evidence');

export async function initEvidence(ctx: ServerContext): Promise<void> {
  await evidenceCollection(ctx).ensureIndexes([{ fields: { schoolId: 1, spaceId: 1, createdAt: -1 } }, { fields: { expiresAt: 1 } }, { fields: { itemId: 1 } }]);
}

/** The school's evidence retention in months (a school setting, 12 by default). */
export async function evidenceRetentionMonths(ctx: ServerContext, schoolId: string): Promise<number> {
  const school = await ctx.services.directory.schools.findOne({ _id: schoolId });
  return school?.settings?.evidenceRetentionMonths ?? EVIDENCE_DEFAULT_RETENTION_MONTHS;
}

/** Keeps the original of an item a moderator acted on. Called by every moderation action that changes content. */
export async function evidenceKeeper(
  ctx: ServerContext,
  input: Omit<EvidenceDoc, '_id' | 'createdAt' | 'expiresAt'>,
): Promise<EvidenceDoc> {
  const now = Date.now();
  const months = await evidenceRetentionMonths(ctx, input.schoolId);
  return evidenceCollection(ctx).insertOne({ _id: newId(now), ...input, createdAt: now, expiresAt: now + months * MONTH_MS });
}

/** Deletes expired evidence; run by a periodic job. Each school's purge and its audit event commit together. */
export async function evidencePurger(ctx: ServerContext, now = Date.now()): Promise<number> {
  const expired = await evidenceCollection(ctx).find({ expiresAt: { $lte: now } }, { limit: 10_000 });
  const bySchool = new Map<string, string[]>();
  for (const item of expired) bySchool.set(item.schoolId, [...(bySchool.get(item.schoolId) ?? []), item._id]);
  let removed = 0;
  for (const [schoolId, ids] of bySchool) {
    removed += await auditedChange(ctx, async (record) => {
      // Another node may have purged some meanwhile: count what this transaction removed.
      const count = await evidenceCollection(ctx).deleteMany({ _id: { $in: ids }, expiresAt: { $lte: now } });
      if (count > 0) await record({ schoolId, actor: { userId: null }, origin: 'job', event: 'evidence.purged', target: { type: 'evidence', id: null, ownerId: null }, reason: `${count} expired` });
      return count;
    });
  }
  return removed;
}

/** Evidence of one space, for its teachers and the director (`configure`), every read logged. */
export function evidenceRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  defineRoute(router, runtime, {
    method: 'get',
    path: '/spaces/:id/evidence',
    query: z.object({ itemId: z.string().max(64).optional() }),
    policy: { check: async (state, { params }) => ({ action: 'configure', resource: spaceResource(await loadSpace(ctx, params.id ?? '', state.user.schoolId)) }) },
    async handler({ params, query, state }) {
      const authed = state as AuthedRequestState;
      const filter = { schoolId: authed.user.schoolId, spaceId: params.id ?? '', ...(query.itemId ? { itemId: query.itemId } : {}) };
      const items = await evidenceCollection(ctx).find(filter, { sort: { createdAt: -1 }, limit: 200 });
      // The read is logged before the evidence leaves (a read that cannot be logged does not happen).
      await ctx.services.audit.record({
        schoolId: authed.user.schoolId,
        actor: auditActorOf(authed),
        origin: 'http',
        event: 'evidence.read',
        target: { type: 'evidence', id: query.itemId ?? null, ownerId: null },
        context: { classId: items[0]?.classId ?? null, spaceId: params.id ?? null },
        reason: `${items.length} items`,
      });
      return items;
    },
  });
  return router;
}
