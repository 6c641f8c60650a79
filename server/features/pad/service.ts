import * as Y from 'yjs';
import { AppError } from '../../../shared/errors';
import type { AuditEventName } from '../../../shared/audit/events';
import type { PadChange } from '../../../shared/pad/events';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { MuteReq, PadVersionSummary, RedactResult, RestoreResult } from '../../../shared/pad/types';
import { spaceRoom } from '../../../shared/spaces/types';
import { contentHash } from '../../audit/canonical';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { padRuntimeOf } from '../../../collab/pad/runtime';
import { mutesCollection, muteSetter } from '../moderation/mutes';
import type { SpaceDoc } from '../spaces/model';
import { padPeople, scopePupils } from './access';
import { removePassages, replaceContent } from './content';
import type { PadVersionDoc } from './model';
import { loadVersion, versionCreator, versionRedactor } from './versions';

/** A mute from the pad lasts until a teacher lifts it, unless a duration is given. */
const UNTIL_UNMUTED_MS = 365 * 24 * 60 * 60 * 1000;

/** Tells everyone viewing the pad that something around its text changed. */
function notifyPad(ctx: ServerContext, spaceId: string, what: PadChange): void {
  ctx.services.realtime.io?.to(spaceRoom(spaceId)).emit('pad:changed', { spaceId, what });
}

/** Records one pad moderation action in the audit log. */
async function auditPad(
  ctx: ServerContext,
  state: AuthedRequestState,
  space: SpaceDoc,
  event: AuditEventName,
  detail: { target?: { type: string; id: string; ownerId: string | null }; before?: unknown; after?: unknown; fields: string[]; reason?: string },
): Promise<void> {
  await ctx.services.audit.record({
    schoolId: space.schoolId,
    actor: auditActorOf(state),
    origin: 'http',
    event,
    target: detail.target ?? { type: 'pad', id: space._id, ownerId: space.ownerId },
    context: { classId: space.scope.kind === 'class' ? space.scope.classId : null, spaceId: space._id },
    change: {
      fields: detail.fields,
      beforeHash: detail.before === undefined ? null : contentHash(detail.before),
      afterHash: detail.after === undefined ? null : contentHash(detail.after),
    },
    reason: detail.reason ?? null,
  });
}

/** A hash of a document's state that changes with every change (for the audit's before/after). */
const stateMark = (doc: Y.Doc): string => Buffer.from(Y.encodeStateVector(doc)).toString('base64');

/** The whitelisted fields of versions that leave the server. */
export async function presentVersions(ctx: ServerContext, versions: PadVersionDoc[]): Promise<PadVersionSummary[]> {
  const people = await padPeople(ctx, versions.flatMap((version) => (version.createdBy ? [version.createdBy] : [])));
  return versions.map((version) => ({
    id: version._id,
    kind: version.kind,
    name: version.name,
    createdAt: version.createdAt,
    createdBy: version.createdBy ? (people.get(version.createdBy) ?? null) : null,
    redacted: version.redacted,
    size: version.size,
  }));
}

/** Keeps the pad's current content as a named version (teachers and moderators). */
export async function namedVersionCreator(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, name: string): Promise<PadVersionSummary> {
  const runtime = padRuntimeOf(ctx);
  const version = await runtime.withPad(space._id, async (document, padState) => {
    await runtime.collab.durable(document);
    return versionCreator(runtime.pads, padState.target, document.doc, { kind: 'named', name, createdBy: state.user._id });
  });
  await auditPad(ctx, state, space, 'pad.version_created', { target: { type: 'pad_version', id: version._id, ownerId: space.ownerId }, fields: ['name'], after: { name } });
  notifyPad(ctx, space._id, 'versions');
  return (await presentVersions(ctx, [version]))[0]!;
}

/**
 * Restores a version: a new change, attributed to the person restoring, makes the content equal to the
 * version's. The content before is kept as a version first; history is not rewritten.
 */
export async function versionRestorer(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, versionId: string): Promise<RestoreResult> {
  const runtime = padRuntimeOf(ctx);
  const { version, before, after } = await runtime.withPad(space._id, async (document, padState) => {
    const { version: restored, doc: source } = await loadVersion(runtime.pads, document.name, versionId);
    await runtime.collab.durable(document);
    await runtime.autoVersion(document, 'restore', state.user._id);
    const mark = stateMark(document.doc);
    document.transactAs(state.user._id, (doc) => replaceContent(doc, source));
    source.destroy();
    await runtime.collab.durable(document);
    padState.changedSinceVersion = true;
    return { version: restored, before: mark, after: stateMark(document.doc) };
  });
  await auditPad(ctx, state, space, 'pad.version_restored', {
    target: { type: 'pad_version', id: version._id, ownerId: space.ownerId },
    fields: ['content'],
    before,
    after,
  });
  notifyPad(ctx, space._id, 'versions');
  notifyPad(ctx, space._id, 'authors');
  return { version: (await presentVersions(ctx, [version]))[0]! };
}

/**
 * Redacts passages: removes every occurrence from the live pad (a change attributed to the moderator), folds
 * the update log into a snapshot that no longer holds them, and rewrites every version that held them. The
 * audit records how many, never the text.
 */
export async function padRedactor(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, passages: string[]): Promise<RedactResult> {
  const runtime = padRuntimeOf(ctx);
  const result = await runtime.withPad(space._id, async (document) => {
    await runtime.collab.durable(document);
    let removed = 0;
    document.transactAs(state.user._id, (doc) => (removed = removePassages(doc, passages)));
    await runtime.collab.durable(document);
    await runtime.compact(document, true);
    await runtime.versionsSettled(document);
    const versionsRewritten = await versionRedactor(runtime.pads, document.name, passages);
    return { removed, versionsRewritten };
  });
  await auditPad(ctx, state, space, 'pad.redacted', {
    fields: ['content', 'versions', 'updateLog'],
    reason: `${result.removed} occurrence(s) of ${passages.length} passage(s) removed, ${result.versionsRewritten} version(s) rewritten, log compacted`,
  });
  notifyPad(ctx, space._id, 'versions');
  notifyPad(ctx, space._id, 'authors');
  return result;
}

/** Mutes a pupil of the pad's scope (read-only in this pad), at once on their open editors. */
export async function pupilMuter(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, input: MuteReq): Promise<{ userId: string; until: number }> {
  const pupils = await scopePupils(ctx, space);
  if (!pupils.some((pupil) => pupil.id === input.userId)) throw new AppError('VALIDATION', 'Only a pupil of this pad can be muted');
  const until = Date.now() + (input.durationMinutes ? input.durationMinutes * 60_000 : UNTIL_UNMUTED_MS);
  await muteSetter(ctx, { schoolId: space.schoolId, spaceId: space._id, userId: input.userId, until, by: state.user._id, reasonCode: 'autre' });
  await refreshLiveMutes(ctx, space._id);
  await auditPad(ctx, state, space, 'pad.pupil_muted', { target: { type: 'user', id: input.userId, ownerId: input.userId }, fields: ['muted'], after: { until } });
  notifyPad(ctx, space._id, 'mutes');
  return { userId: input.userId, until };
}

/** Lifts a pupil's mute in the pad. */
export async function pupilUnmuter(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, userId: string): Promise<{ userId: string }> {
  const removed = await mutesCollection(ctx).deleteOne({ _id: `${space._id}:${userId}` });
  if (removed === 0) throw new AppError('NOT_FOUND', 'This pupil is not muted here');
  ctx.services.bus.emit('user.rightsChanged', userId);
  await refreshLiveMutes(ctx, space._id);
  await auditPad(ctx, state, space, 'pad.pupil_unmuted', { target: { type: 'user', id: userId, ownerId: userId }, fields: ['muted'], after: { until: null } });
  notifyPad(ctx, space._id, 'mutes');
  return { userId };
}

/** A loaded pad re-reads its mutes and re-decides its connections. */
async function refreshLiveMutes(ctx: ServerContext, spaceId: string): Promise<void> {
  const runtime = padRuntimeOf(ctx);
  const document = runtime.collab.loaded(padDocumentName(spaceId));
  if (document && runtime.live) await runtime.live.mutesChanged(document);
}

/** The pupils muted in a pad, for the teacher's menu. */
export async function mutedPupils(ctx: ServerContext, space: SpaceDoc, mutes: ReadonlyMap<string, number>) {
  const people = await padPeople(ctx, [...mutes.keys()]);
  return [...mutes].map(([userId, until]) => ({ ...people.get(userId)!, until }));
}

/** Pupils of the scope, for the mute menu. */
export const padPupils = scopePupils;
