import { AppError } from '../../../shared/errors';
import { CONSOLE_RECENT_MAX, CONSOLE_RECENT_PER_SPACE } from '../../../shared/moderation/limits';
import { moderationRoom, type ConsoleSpace } from '../../../shared/moderation/types';
import type { Actor } from '../../../shared/policy/actor';
import { can } from '../../../shared/policy/can';
import type { Resource } from '../../../shared/policy/resources';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import type { PolicyQuestion } from '../../http/route';
import { defineSocketHandler } from '../../realtime/handlers';
import type { Filter } from '../../storage/port';
import { deny } from '../auth/runtime';
import { spaceResource, spacesCollection, type SpaceDoc } from '../spaces/model';
import { loadSpace, spaceUpdater } from '../spaces/service';
import { moderationActor } from './actor';
import { moderationAdapters } from './adapters';
import { consoleRooms } from './consoles';
import { askItemAction, loadModerationTarget, presentItem, readsItem, type ModerationTarget } from './items';
import './pad-reports';
import { broadcastReport, closedKey, distinctReporters, presentReport, reportCreator, reportsCollection, type ReportDoc } from './reports';

const classOf = (space: SpaceDoc): string | null => (space.scope.kind === 'class' ? space.scope.classId : null);

async function autoHideThreshold(ctx: ServerContext, schoolId: string): Promise<number | null> {
  const school = await ctx.services.directory.schools.findOne({ _id: schoolId });
  return school?.settings?.autoHideAfterReports ?? null;
}

const consoleSpace = (actor: Actor | null, space: SpaceDoc): ConsoleSpace => ({
  id: space._id,
  title: space.title,
  kind: space.kind,
  locked: space.locked,
  configure: can(actor, 'configure', spaceResource(space)),
});

/**
 * Anyone who can read an item may report it. An item they cannot read now (someone else's pending card, a hidden
 * message) answers NOT_FOUND, as if it did not exist, and the attempt is logged as a denial.
 */
defineSocketHandler<'report:create', ModerationTarget>(
  'report:create',
  {
    async check(state, payload, ctx): Promise<PolicyQuestion<ModerationTarget>> {
      const target = await loadModerationTarget(ctx, state.user.schoolId, payload);
      const resource = spaceResource(target.space);
      if (can(state.actor, 'read', resource) && !readsItem(state.actor, target.space, target.item)) {
        await deny(ctx, state, 'socket', 'FORBIDDEN', { action: 'report:create (item not readable)', target: { type: target.item.kind, id: target.item.id, ownerId: target.item.authorId }, classId: classOf(target.space), spaceId: target.space._id });
        throw new AppError('NOT_FOUND', 'Item not found');
      }
      return { action: 'read', resource, subject: target };
    },
  },
  async ({ payload, state, ctx, subject }) => {
    const { space, item } = subject;
    const report = await auditedChange(ctx, async (record) => {
      const stored = await reportCreator(ctx, { schoolId: space.schoolId, kind: item.kind, itemId: item.id, spaceId: space._id, classId: classOf(space), category: payload.category, text: payload.text, quote: payload.quote, reporterId: state.user._id, excerpt: item.excerpt });
      await record({
        schoolId: space.schoolId,
        actor: auditActorOf(state),
        origin: 'socket',
        event: 'report.created',
        target: { type: item.kind, id: item.id, ownerId: item.authorId },
        context: { classId: classOf(space), spaceId: space._id },
        reason: payload.category,
      });
      return stored;
    });
    await broadcastReport(ctx, report);
    // The automatic hide after N reports from different users goes through the one moderation path (evidence,
    // audit, consoles told), as Préau itself.
    const threshold = await autoHideThreshold(ctx, space.schoolId);
    if (threshold && item.state === 'visible' && (await distinctReporters(ctx, item.kind, item.id)) >= threshold) {
      const fresh = await loadModerationTarget(ctx, space.schoolId, { kind: item.kind, spaceId: space._id, itemId: item.id });
      await moderationActor(ctx, fresh, { system: `automatic: ${threshold} reports, pending review` }, { action: 'hide', reasonCode: 'autre', version: fresh.item.version }).catch((error: unknown) => {
        if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
      });
    }
    const current = (await reportsCollection(ctx).findOne({ _id: report._id })) ?? report;
    return { report: await presentReport(ctx, current, state.actor, space) };
  },
);

defineSocketHandler('report:mine', { signedIn: 'a user lists their own reports' }, async ({ state, ctx }) => {
  const reports = await reportsCollection(ctx).find({ reporterId: state.user._id }, { sort: { createdAt: -1 }, limit: 50 });
  return { reports: await Promise.all(reports.map((report) => presentReport(ctx, report, state.actor))) };
});

type ConsoleScope = { kind: 'space'; spaceId: string } | { kind: 'class'; classId: string } | { kind: 'school' };

/** The resource that opening a console asks `moderate` on. */
async function consoleResource(ctx: ServerContext, state: AuthedRequestState, scope: ConsoleScope): Promise<Resource> {
  if (scope.kind === 'space') return spaceResource(await loadSpace(ctx, scope.spaceId, state.user.schoolId));
  if (scope.kind === 'class') return { type: 'class', schoolId: state.user.schoolId, classId: scope.classId };
  return { type: 'school', schoolId: state.user.schoolId };
}

defineSocketHandler(
  'moderation:join',
  { check: async (state, payload, ctx) => ({ action: 'moderate', resource: await consoleResource(ctx, state, payload.scope) }) },
  async ({ socket, payload, state, ctx }) => {
    const scope = payload.scope;
    const schoolId = state.user.schoolId;
    const spaceFilter: Filter = { schoolId, deletedAt: null, ...(scope.kind === 'space' ? { _id: scope.spaceId } : scope.kind === 'class' ? { scopeId: scope.classId } : {}) };
    const spaces = (await spacesCollection(ctx.store).find(spaceFilter, { limit: 500 })).filter((space) => can(state.actor, 'moderate', spaceResource(space)));
    const room = scope.kind === 'space' ? moderationRoom.space(scope.spaceId) : scope.kind === 'class' ? moderationRoom.class(scope.classId) : moderationRoom.school(schoolId);
    await socket.join(room);
    const bySpace = new Map(spaces.map((space) => [space._id, space]));
    const reports = await reportsCollection(ctx).find({ schoolId, status: { $in: ['open', 'claimed'] }, spaceId: { $in: [...bySpace.keys()] } }, { sort: { createdAt: -1 }, limit: 200 });
    // Every space's queue and newest contributions, read at once (a school console covers hundreds of spaces).
    const perSpace = await Promise.all(
      spaces.flatMap((space) =>
        moderationAdapters().map(async (adapter) => ({
          // Only what this moderator may read: a pupil moderator gets no item a teacher hid or holds.
          pending: (await adapter.pending(ctx, space)).filter((item) => readsItem(state.actor, space, item)).map((item) => presentItem(state.actor, space, item)),
          recent: (await adapter.recent(ctx, space, CONSOLE_RECENT_PER_SPACE)).filter((item) => readsItem(state.actor, space, item)).map((item) => presentItem(state.actor, space, item)),
        })),
      ),
    );
    return {
      reports: await Promise.all(reports.map((report) => presentReport(ctx, report, state.actor, bySpace.get(report.spaceId) ?? null))),
      pending: perSpace.flatMap((part) => part.pending),
      recent: perSpace.flatMap((part) => part.recent).sort((a, b) => b.createdAt - a.createdAt).slice(0, CONSOLE_RECENT_MAX),
      spaces: spaces.map((space) => consoleSpace(state.actor, space)),
    };
  },
);

defineSocketHandler<'moderation:read', ModerationTarget>(
  'moderation:read',
  {
    async check(state, payload, ctx): Promise<PolicyQuestion<ModerationTarget>> {
      const target = await loadModerationTarget(ctx, state.user.schoolId, payload);
      const resource = spaceResource(target.space);
      // A moderator of the space who may not read this item (a pupil moderator, a hidden item): as if it did not exist, logged.
      if (can(state.actor, 'moderate', resource) && !readsItem(state.actor, target.space, target.item)) {
        await deny(ctx, state, 'socket', 'FORBIDDEN', { action: 'moderation:read (item not readable)', target: { type: target.item.kind, id: target.item.id, ownerId: target.item.authorId }, classId: classOf(target.space), spaceId: target.space._id });
        throw new AppError('NOT_FOUND', 'Item not found');
      }
      return { action: 'moderate', resource, subject: target };
    },
  },
  async ({ state, subject }) => ({ item: presentItem(state.actor, subject.space, subject.item), text: subject.adapter.plainText(subject.item) }),
);

defineSocketHandler<'moderation:lock', SpaceDoc>(
  'moderation:lock',
  { check: async (state, payload, ctx) => { const space = await loadSpace(ctx, payload.spaceId, state.user.schoolId); return { action: 'configure', resource: spaceResource(space), subject: space }; } },
  async ({ payload, ctx, state, io, subject: space }) => {
    if (space.locked === payload.locked) throw new AppError('CONFLICT', payload.locked ? 'This space is already locked' : 'This space is not locked');
    const summary = await spaceUpdater(ctx, 'socket', state, space, { locked: payload.locked, version: space.version }, payload.reasonCode);
    for (const socket of await io.in(consoleRooms(space)).fetchSockets()) {
      socket.emit('moderation:space', consoleSpace(socket.data.state?.actor ?? null, { ...space, locked: summary.locked }));
    }
    return { space: consoleSpace(state.actor, { ...space, locked: summary.locked }) };
  },
);

/** A report of this school with its space, for the policy question on it. */
async function askReport(ctx: ServerContext, state: AuthedRequestState, reportId: string, action: 'moderate' | 'configure'): Promise<PolicyQuestion<ReportSubject>> {
  const report = await reportsCollection(ctx).findOne({ _id: reportId, schoolId: state.user.schoolId });
  if (!report) throw new AppError('NOT_FOUND', 'Report not found');
  const space = await loadSpace(ctx, report.spaceId, state.user.schoolId);
  return { action, resource: spaceResource(space), subject: { report, space } };
}

type ReportSubject = { report: ReportDoc; space: SpaceDoc };

/**
 * Moves a report on if it is still as the moderator saw it (`from`), with its audit event (failed when it changed
 * meanwhile) in one transaction; then every console and its reporter get it. Returns null when it had changed.
 */
async function reportMover(
  ctx: ServerContext,
  state: AuthedRequestState,
  { report, space }: ReportSubject,
  move: { from: Filter; set: Record<string, unknown>; event: 'moderation.claim' | 'moderation.dismiss'; reason: string | null },
): Promise<ReportDoc | null> {
  const moved = await auditedChange(ctx, async (record) => {
    const updated = await reportsCollection(ctx).findOneAndUpdate({ _id: report._id, ...move.from }, { $set: { ...move.set, updatedAt: Date.now() }, $inc: { version: 1 } }, { returnDocument: 'after' });
    await record({
      schoolId: space.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: move.event,
      target: { type: 'report', id: report._id, ownerId: report.reporterId },
      context: { classId: report.classId, spaceId: report.spaceId },
      status: updated ? 'success' : 'fail',
      reason: updated ? move.reason : 'conflict: the report changed',
    });
    return updated;
  });
  if (moved) await broadcastReport(ctx, moved);
  return moved;
}

defineSocketHandler<'moderation:claim', ReportSubject>(
  'moderation:claim',
  { check: (state, payload, ctx) => askReport(ctx, state, payload.reportId, 'moderate') },
  async ({ payload, state, ctx, subject }) => {
    const claimed = await reportMover(ctx, state, subject, {
      from: { status: 'open', version: payload.version },
      set: { status: 'claimed', claimedBy: state.user._id, claimedByName: state.user.displayName },
      event: 'moderation.claim',
      reason: null,
    });
    if (!claimed) {
      const current = await reportsCollection(ctx).findOne({ _id: subject.report._id });
      throw new AppError('CONFLICT', current ? JSON.stringify(await presentReport(ctx, current, state.actor, subject.space)) : 'Report not found');
    }
    return { report: await presentReport(ctx, claimed, state.actor, subject.space) };
  },
);

/** Dismissing a report (nothing done on the item) is the space's teachers' decision, never a pupil moderator's. */
defineSocketHandler<'moderation:dismiss', ReportSubject>(
  'moderation:dismiss',
  { check: (state, payload, ctx) => askReport(ctx, state, payload.reportId, 'configure') },
  async ({ payload, state, ctx, subject }) => {
    const dismissed = await reportMover(ctx, state, subject, {
      from: { version: payload.version, status: { $in: ['open', 'claimed'] } },
      set: { status: 'dismissed', resolution: `dismissed:${payload.reasonCode}`, openKey: closedKey(subject.report._id) },
      event: 'moderation.dismiss',
      reason: payload.reasonCode,
    });
    if (!dismissed) throw new AppError('CONFLICT', 'The report changed');
    return { report: await presentReport(ctx, dismissed, state.actor, subject.space) };
  },
);

/** Every moderation action from the console: the exact action is asked on the item itself (the policy table). */
defineSocketHandler<'moderation:act', ModerationTarget>(
  'moderation:act',
  { check: (state, payload, ctx) => askItemAction(ctx, state, payload, payload.action) },
  async ({ payload, state, ctx, subject }) => ({ item: await moderationActor(ctx, subject, { state }, payload) }),
);

