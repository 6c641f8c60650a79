import { AppError } from '../../../shared/errors';
import { CONSOLE_RECENT_MAX, CONSOLE_RECENT_PER_SPACE } from '../../../shared/moderation/limits';
import type { Resource } from '../../../shared/policy/resources';
import { moderationRoom, PUPIL_MODERATOR_ACTIONS, type ModeratedItemView } from '../../../shared/moderation/types';
import { contentHash } from '../../audit/canonical';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineSocketHandler, type PreauServer } from '../../realtime/handlers';
import type { ClientEventPayload } from '../../../shared/realtime/events';
import type { Filter } from '../../storage/port';
import { spaceResource, spacesCollection } from '../spaces/model';
import { loadSpace, spaceUpdater } from '../spaces/service';
import { moderationAdapter, moderationAdapters } from './adapters';
import { consoleRooms, toModerationConsoles } from './consoles';
import { evidenceKeeper } from './evidence';
import { muteSetter } from './mutes';
import './pad-reports';
import { broadcastReport, distinctReporters, presentReport, reportCreator, reportsCollection } from './reports';

const classOf = (space: { scope: { kind: string; classId?: string } }): string | null => (space.scope.kind === 'class' ? space.scope.classId ?? null : null);

async function autoHideThreshold(ctx: ServerContext, schoolId: string): Promise<number | null> {
  const school = await ctx.services.directory.schools.findOne({ _id: schoolId });
  return school?.settings?.autoHideAfterReports ?? null;
}

defineSocketHandler(
  'report:create',
  { check: async (state, payload, ctx) => ({ action: 'read', resource: spaceResource(await loadSpace(ctx, payload.spaceId, state.user.schoolId)) }) },
  async ({ payload, state, ctx }) => {
    const space = await loadSpace(ctx, payload.spaceId, state.user.schoolId);
    const adapter = moderationAdapter(payload.kind);
    const item = await adapter?.load(ctx, space._id, payload.itemId);
    if (!adapter || !item) throw new AppError('NOT_FOUND', 'Item not found');
    const report = await reportCreator(ctx, { schoolId: space.schoolId, kind: payload.kind, itemId: item.id, spaceId: space._id, classId: classOf(space), category: payload.category, text: payload.text, quote: payload.quote, reporterId: state.user._id });
    await ctx.services.audit.record({
      schoolId: space.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: 'report.created',
      target: { type: payload.kind, id: item.id, ownerId: item.authorId },
      context: { classId: classOf(space), spaceId: space._id },
      reason: payload.category,
    });
    const threshold = await autoHideThreshold(ctx, space.schoolId);
    if (threshold && item.state === 'visible' && (await distinctReporters(ctx, item.id)) >= threshold) {
      const hidden = await adapter.apply(ctx, { item, action: 'hide', version: item.version, state, reasonCode: 'autre' });
      await ctx.services.audit.record({
        schoolId: space.schoolId,
        actor: { userId: null },
        origin: 'job',
        event: 'moderation.hide',
        target: { type: payload.kind, id: item.id, ownerId: item.authorId },
        context: { classId: classOf(space), spaceId: space._id },
        reason: `automatic: ${threshold} reports, pending review (v${hidden.version})`,
      });
    }
    return { report: await broadcastReport(ctx, report) };
  },
);

defineSocketHandler('report:mine', { signedIn: 'a user lists their own reports' }, async ({ state, ctx }) => {
  const reports = await reportsCollection(ctx).find({ reporterId: state.user._id }, { sort: { createdAt: -1 }, limit: 50 });
  return { reports: await Promise.all(reports.map((report) => presentReport(ctx, report))) };
});

/** The resource that opening a console asks `moderate` on. */
async function consoleResource(ctx: ServerContext, state: AuthedRequestState, scope: { kind: 'space'; spaceId: string } | { kind: 'class'; classId: string } | { kind: 'school' }): Promise<Resource> {
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
    const spaceFilter: Filter = { schoolId, archived: false, ...(scope.kind === 'space' ? { _id: scope.spaceId } : scope.kind === 'class' ? { scopeId: scope.classId } : {}) };
    const spaces = await spacesCollection(ctx.store).find(spaceFilter, { limit: 500 });
    const room = scope.kind === 'space' ? moderationRoom.space(scope.spaceId) : scope.kind === 'class' ? moderationRoom.class(scope.classId) : moderationRoom.school(schoolId);
    await socket.join(room);
    const reports = await reportsCollection(ctx).find(
      { schoolId, status: { $in: ['open', 'claimed'] }, spaceId: { $in: spaces.map((space) => space._id) } },
      { sort: { createdAt: -1 }, limit: 200 },
    );
    // Every space's queue and newest contributions, read at once (a school console covers hundreds of spaces).
    const perSpace = await Promise.all(
      spaces.flatMap((space) => moderationAdapters().map(async (adapter) => ({ pending: await adapter.pending(ctx, space._id), recent: await adapter.recent(ctx, space, CONSOLE_RECENT_PER_SPACE) }))),
    );
    const pending = perSpace.flatMap((part) => part.pending);
    const recent = perSpace.flatMap((part) => part.recent);
    return {
      reports: await Promise.all(reports.map((report) => presentReport(ctx, report))),
      pending,
      recent: recent.sort((a, b) => b.createdAt - a.createdAt).slice(0, CONSOLE_RECENT_MAX),
      spaces: spaces.map((space) => ({ id: space._id, title: space.title, kind: space.kind, locked: space.locked })),
    };
  },
);

const moderatesSpace = async (state: AuthedRequestState, payload: { spaceId: string }, ctx: ServerContext) => ({
  action: 'moderate' as const,
  resource: spaceResource(await loadSpace(ctx, payload.spaceId, state.user.schoolId)),
});

defineSocketHandler('moderation:read', { check: moderatesSpace }, async ({ payload, ctx, state }) => {
  const space = await loadSpace(ctx, payload.spaceId, state.user.schoolId);
  const adapter = moderationAdapter(payload.kind);
  const item = await adapter?.load(ctx, space._id, payload.itemId);
  if (!adapter || !item) throw new AppError('NOT_FOUND', 'Item not found');
  const { content: _content, schoolId: _school, ...view } = item;
  return { item: view, text: adapter.plainText(item) };
});

defineSocketHandler(
  'moderation:lock',
  { check: async (state, payload, ctx) => ({ action: 'configure', resource: spaceResource(await loadSpace(ctx, payload.spaceId, state.user.schoolId)) }) },
  async ({ payload, ctx, state, io }) => {
    const space = await loadSpace(ctx, payload.spaceId, state.user.schoolId);
    if (space.locked === payload.locked) throw new AppError('CONFLICT', payload.locked ? 'This space is already locked' : 'This space is not locked');
    const summary = await spaceUpdater(ctx, 'socket', state, space, { locked: payload.locked }, payload.reasonCode);
    const view = { id: summary.id, title: summary.title, kind: summary.kind, locked: summary.locked };
    io.to(consoleRooms(space)).emit('moderation:space', view);
    return { space: view };
  },
);

async function loadReportSpace(ctx: ServerContext, state: AuthedRequestState, reportId: string) {
  const report = await reportsCollection(ctx).findOne({ _id: reportId, schoolId: state.user.schoolId });
  if (!report) throw new AppError('NOT_FOUND', 'Report not found');
  return { report, space: await loadSpace(ctx, report.spaceId, state.user.schoolId) };
}

defineSocketHandler(
  'moderation:claim',
  { check: async (state, payload, ctx) => ({ action: 'moderate', resource: spaceResource((await loadReportSpace(ctx, state, payload.reportId)).space) }) },
  async ({ payload, state, ctx }) => {
    const claimed = await reportsCollection(ctx).findOneAndUpdate(
      { _id: payload.reportId, status: 'open', version: payload.version },
      { $set: { status: 'claimed', claimedBy: state.user._id, claimedByName: state.user.displayName, updatedAt: Date.now() }, $inc: { version: 1 } },
    );
    const current = claimed ?? (await reportsCollection(ctx).findOne({ _id: payload.reportId }));
    await ctx.services.audit.record({
      schoolId: state.user.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: 'moderation.claim',
      target: { type: 'report', id: payload.reportId, ownerId: current?.reporterId ?? null },
      context: { classId: current?.classId ?? null, spaceId: current?.spaceId ?? null },
      status: claimed ? 'success' : 'fail',
      reason: claimed ? null : `conflict: already ${current?.status ?? 'gone'}`,
    });
    if (!claimed) throw new AppError('CONFLICT', current ? JSON.stringify(await presentReport(ctx, current)) : 'Report not found');
    return { report: await broadcastReport(ctx, claimed) };
  },
);

defineSocketHandler(
  'moderation:dismiss',
  { check: async (state, payload, ctx) => ({ action: 'moderate', resource: spaceResource((await loadReportSpace(ctx, state, payload.reportId)).space) }) },
  async ({ payload, state, ctx }) => {
    const dismissed = await reportsCollection(ctx).findOneAndUpdate(
      { _id: payload.reportId, version: payload.version, status: { $in: ['open', 'claimed'] } },
      { $set: { status: 'dismissed', resolution: `dismissed:${payload.reasonCode}`, updatedAt: Date.now() }, $inc: { version: 1 } },
    );
    await ctx.services.audit.record({
      schoolId: state.user.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: 'moderation.dismiss',
      target: { type: 'report', id: payload.reportId, ownerId: null },
      status: dismissed ? 'success' : 'fail',
      reason: dismissed ? payload.reasonCode : 'conflict',
    });
    if (!dismissed) throw new AppError('CONFLICT', 'The report changed');
    return { report: await broadcastReport(ctx, dismissed) };
  },
);

/**
 * THE path of every moderation action on an item, whichever screen it comes from (the console, a chat
 * message's menu, a wall card…): version check through the feature's adapter, evidence of the original,
 * one audit event per attempt (a losing concurrent attempt is logged as failed), the report resolved, the
 * author told why, the consoles updated. The caller has already authorized the action.
 */
export async function moderationActor(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  payload: ClientEventPayload<'moderation:act'>,
): Promise<ModeratedItemView> {
  const space = await loadSpace(ctx, payload.spaceId, state.user.schoolId);
  const adapter = moderationAdapter(payload.kind);
  const item = await adapter?.load(ctx, space._id, payload.itemId);
  if (!adapter || !item) throw new AppError('NOT_FOUND', 'Item not found');
  const audit = (status: 'success' | 'fail', reason: string, after: unknown = null) =>
    ctx.services.audit.record({
      schoolId: space.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: `moderation.${payload.action}`,
      target: { type: payload.kind, id: item.id, ownerId: item.authorId },
      context: { classId: classOf(space), spaceId: space._id },
      change: { fields: payload.action === 'mute' ? ['mute'] : ['state', ...(payload.action === 'edit' ? ['content'] : [])], beforeHash: contentHash(item.content), afterHash: after === null ? null : contentHash(after) },
      reason,
      status,
    });
  // Acting from a report resolves it: it must be a report on this very item, and not one another moderator claimed.
  const report = payload.reportId ? await reportsCollection(ctx).findOne({ _id: payload.reportId, schoolId: space.schoolId, spaceId: space._id, itemId: item.id, kind: payload.kind }) : null;
  if (payload.reportId && !report) throw new AppError('NOT_FOUND', 'No such report on this item');
  if (report?.status === 'claimed' && report.claimedBy !== state.user._id) {
    await audit('fail', `conflict: report claimed by ${report.claimedByName ?? 'another moderator'}`);
    throw new AppError('CONFLICT', `This report is being handled by ${report.claimedByName ?? 'another moderator'}`);
  }
  const { content: _content, schoolId: _school, ...itemView } = item;
  let view: ModeratedItemView = itemView;
  if (payload.action === 'mute') {
    if (!item.authorId) throw new AppError('VALIDATION', 'This item has no author to mute');
    const until = Date.now() + (payload.durationMinutes ?? 10) * 60_000;
    await muteSetter(ctx, { schoolId: space.schoolId, spaceId: space._id, userId: item.authorId, until, by: state.user._id, reasonCode: payload.reasonCode });
    await audit('success', `${payload.reasonCode} until ${new Date(until).toISOString()}`);
  } else {
    // The console corrects any kind as plain text (`{ text }`); the item's feature turns it into its own content.
    const asText = payload.content as { text?: unknown } | undefined;
    const content = payload.action === 'edit' && typeof asText?.text === 'string' && Object.keys(asText).length === 1 ? adapter.fromPlainText(asText.text, item) : payload.content;
    try {
      view = await adapter.apply(ctx, { item, action: payload.action, version: payload.version, state, reasonCode: payload.reasonCode, content });
    } catch (error) {
      // Every attempt is logged: a losing concurrent one (CONFLICT), and one the item's feature refused.
      if (error instanceof AppError) await audit('fail', `${error.code.toLowerCase()}: ${payload.reasonCode}`);
      throw error;
    }
    // The original is kept only once the action took effect (a losing concurrent attempt keeps nothing).
    if (['hide', 'delete', 'edit'].includes(payload.action)) {
      await evidenceKeeper(ctx, { schoolId: space.schoolId, spaceId: space._id, classId: classOf(space), itemType: payload.kind, itemId: item.id, authorId: item.authorId, original: item.content, action: payload.action, reason: payload.reasonCode, moderatorId: state.user._id });
    }
    const after = await adapter.load(ctx, space._id, item.id);
    await audit('success', payload.reasonCode, after?.content ?? null);
  }
  // The reports on this item are handled by the action, wherever it came from (the console, the wall's menu…);
  // a restore undoes an earlier action and leaves them be.
  const handled = report ? [report] : payload.action === 'restore' ? [] : await reportsCollection(ctx).find({ itemId: item.id, kind: payload.kind, schoolId: space.schoolId, status: { $in: ['open', 'claimed'] } }, { limit: 1_000 });
  for (const open of handled) {
    const resolved = await reportsCollection(ctx).findOneAndUpdate(
      { _id: open._id, status: { $in: ['open', 'claimed'] } },
      { $set: { status: 'resolved', resolution: payload.action, updatedAt: Date.now() }, $inc: { version: 1 } },
    );
    if (resolved) await broadcastReport(ctx, resolved);
  }
  if (item.authorId && item.authorId !== state.user._id) {
    io?.to(`user:${item.authorId}`).emit('notify', { code: `moderation.${payload.action}`, params: { reason: payload.reasonCode, kind: payload.kind, spaceTitle: space.title } });
  }
  toModerationConsoles(io, space, view);
  return view;
}

defineSocketHandler(
  'moderation:act',
  {
    check: async (state, payload, ctx) => ({
      action: PUPIL_MODERATOR_ACTIONS.includes(payload.action) ? 'moderate' : 'configure',
      resource: spaceResource(await loadSpace(ctx, payload.spaceId, state.user.schoolId)),
    }),
  },
  async ({ payload, state, ctx, io }) => ({ item: await moderationActor(ctx, io, state, payload) }),
);
