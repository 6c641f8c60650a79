import { serverNow } from '../../clock';
import type { AuditActor, AuditOrigin } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import { actionApplies } from '../../../shared/moderation/transitions';
import { needsReasonCode, type ModeratedItemView, type ModerationAction, type ReasonCode } from '../../../shared/moderation/types';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { userRoom } from '../../realtime/handlers';
import type { SpaceDoc } from '../spaces/model';
import type { AppliedAction, ModeratorIdentity } from './adapters';
import { toModerationConsoles } from './consoles';
import { evidenceKeeper } from './evidence';
import { viewItem, type ModerationTarget } from './items';
import { muteSetter } from './mutes';
import { broadcastReport, closedKey, reportsCollection, type ReportDoc } from './reports';

/** What a moderator asks for (from the console, or a chat, forum or wall menu). */
export interface ModerationRequest {
  action: ModerationAction;
  /** Required for the actions that withdraw or change something (`needsReasonCode`): the author is told it. */
  reasonCode?: ReasonCode | undefined;
  /** For `restore`: the moderator's optional free comment, kept in the audit log instead of a reason code. */
  comment?: string | undefined;
  /** The item version the moderator saw: a stale one answers CONFLICT. */
  version: number;
  /** Acting from a report resolves it (it must be a report on this very item). */
  reportId?: string | undefined;
  /** For `mute`: minutes. */
  durationMinutes?: number | undefined;
  /** For `edit`: the new content, validated by the item's feature. */
  content?: unknown;
}

/** Who acts: a signed-in moderator (already authorized by the policy table at the edge), or Préau itself. */
export type ModerationBy = { state: AuthedRequestState } | { system: string };

const SYSTEM: ModeratorIdentity = { id: 'system', name: 'Préau' };
/** Actions after which the original is kept as evidence. */
const KEEPS_EVIDENCE: readonly ModerationAction[] = ['hide', 'delete', 'edit', 'reject'];
const classOf = (space: SpaceDoc): string | null => (space.scope.kind === 'class' ? space.scope.classId : null);

function whoActs(by: ModerationBy): { actor: Partial<AuditActor>; origin: AuditOrigin; moderator: ModeratorIdentity; why: string | null } {
  if ('system' in by) return { actor: { userId: null }, origin: 'job', moderator: SYSTEM, why: by.system };
  return { actor: auditActorOf(by.state), origin: 'socket', moderator: { id: by.state.user._id, name: by.state.user.displayName }, why: null };
}

/**
 * THE path of every moderation action on an item, whichever screen it comes from (the console, a chat message's
 * menu, a wall card, the automatic hide after many reports). The caller has asked the policy table (`can` on the
 * item) at the edge; here, in ONE transaction: the report check, the feature's change (version and state
 * checked), the evidence of the original, the audit event, the reports resolved. Then, once committed, everyone
 * viewing the item gets their view, the author is told why, the consoles and reporters are updated. Every
 * refused attempt (stale, claimed by another moderator, no longer applicable) is logged as failed.
 */
export async function moderationActor(ctx: ServerContext, target: ModerationTarget, by: ModerationBy, request: ModerationRequest): Promise<ModeratedItemView> {
  const { space, adapter, item } = target;
  const { actor, origin, moderator, why } = whoActs(by);
  const event = `moderation.${request.action}` as const;
  const auditBase = { schoolId: space.schoolId, actor, origin, event, target: { type: item.kind, id: item.id, ownerId: item.authorId }, context: { classId: classOf(space), spaceId: space._id } };
  const reasonCode = request.reasonCode ?? null;
  // A restore undoes a decision: its reason is the moderator's free comment, if any; anything else needs a code.
  const reason = request.action === 'restore' ? request.comment?.trim() || reasonCode : reasonCode;
  if (needsReasonCode(request.action) && reasonCode === null) throw new AppError('VALIDATION', 'A reason is required', [{ path: 'reasonCode', message: 'required' }]);
  const fields = request.action === 'mute' ? ['mute'] : ['state', ...(request.action === 'edit' || request.action === 'approve' ? ['content'] : [])];
  let applied: AppliedAction | null = null;
  let resolved: ReportDoc[] = [];
  try {
    await auditedChange(ctx, async (record) => {
      // Acting from a report resolves it: a report on this very item, and not one another moderator claimed.
      const report = request.reportId ? await reportsCollection(ctx).findOne({ _id: request.reportId, schoolId: space.schoolId, spaceId: space._id, itemId: item.id, kind: item.kind }) : null;
      if (request.reportId && !report) throw new AppError('NOT_FOUND', 'No such report on this item');
      if (report?.status === 'claimed' && 'state' in by && report.claimedBy !== by.state.user._id) {
        throw new AppError('CONFLICT', `This report is being handled by ${report.claimedByName ?? 'another moderator'}`, [{ path: 'claimedBy', message: report.claimedByName ?? '' }]);
      }
      if (!actionApplies(request.action, item)) throw new AppError('CONFLICT', `This ${item.kind} is ${item.state}: ${request.action} does not apply`);
      if (request.action === 'mute') {
        if (!item.authorId || !('state' in by)) throw new AppError('VALIDATION', 'This item has no author to mute');
        const until = Date.now() + (request.durationMinutes ?? 10) * 60_000;
        await muteSetter(ctx, { state: by.state, origin, space, userId: item.authorId, until, reasonCode: reasonCode ?? 'autre', item: { type: item.kind, id: item.id } });
      } else {
        // The console corrects any kind as plain text (`{ text }`); the item's feature turns it into its own content.
        const asText = request.content as { text?: unknown } | undefined;
        const content = request.action === 'edit' && typeof asText?.text === 'string' && Object.keys(asText).length === 1 ? adapter.fromPlainText(asText.text, item) : request.content;
        applied = await adapter.apply(ctx, { space, item, action: request.action, version: request.version, moderator, reasonCode, content });
        if (KEEPS_EVIDENCE.includes(request.action)) {
          const original = request.action === 'reject' ? (item.pendingContent ?? {}) : item.content;
          await evidenceKeeper(ctx, { schoolId: space.schoolId, spaceId: space._id, classId: classOf(space), itemType: item.kind, itemId: item.id, authorId: item.authorId, original, action: request.action, reason: reasonCode ?? 'autre', moderatorId: moderator.id });
        }
        await record({ ...auditBase, change: { fields, before: item.content, after: applied.after.content }, reason: why ? `${why} (${reason ?? ''})` : reason });
      }
      // The reports on this item are handled by the action, wherever it came from; a restore undoes an earlier
      // action and leaves them be.
      const open = report ? [report] : request.action === 'restore' ? [] : await reportsCollection(ctx).find({ itemId: item.id, kind: item.kind, schoolId: space.schoolId, status: { $in: ['open', 'claimed'] } }, { limit: 1_000 });
      resolved = [];
      for (const each of open) {
        const done = await reportsCollection(ctx).findOneAndUpdate(
          { _id: each._id, status: { $in: ['open', 'claimed'] } },
          { $set: { status: 'resolved', resolution: request.action, openKey: closedKey(each._id), updatedAt: serverNow(ctx) }, $inc: { version: 1 } },
          { returnDocument: 'after' },
        );
        if (done) resolved.push(done);
      }
    });
  } catch (error) {
    // Every refused attempt is logged (a losing concurrent one, one on a claimed report, one that no longer applies).
    if (error instanceof AppError) await ctx.services.audit.record({ ...auditBase, reason: `${error.code.toLowerCase()}: ${reason ?? ''}`, status: 'fail' });
    throw error;
  }
  const after = (applied as AppliedAction | null)?.after ?? item;
  await (applied as AppliedAction | null)?.publish();
  for (const report of resolved) await broadcastReport(ctx, report);
  const io = ctx.services.realtime.io;
  if (item.authorId && item.authorId !== moderator.id) {
    io?.to(userRoom(item.authorId)).emit('notify', { code: `moderation.${request.action}`, params: { ...(reasonCode ? { reason: reasonCode } : {}), kind: item.kind, spaceTitle: space.title } });
  }
  await toModerationConsoles(io, space, after);
  return viewItem('state' in by ? by.state.actor : null, space, after);
}
