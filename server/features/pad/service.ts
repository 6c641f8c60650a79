import * as Y from 'yjs';
import { AppError } from '../../../shared/errors';
import type { PadChange } from '../../../shared/pad/events';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { MuteReq, PadVersionSummary, RedactResult, RestoreResult } from '../../../shared/pad/types';
import { spaceRoom } from '../../../shared/spaces/types';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { padRuntimeOf } from '../../../collab/pad/runtime';
import { muteLifter, muteSetter } from '../moderation/mutes';
import type { SpaceDoc } from '../spaces/model';
import { spaceAuditContext } from '../spaces/service';
import { padPeople, scopePupils } from './access';
import { removePassages, replaceContent } from './content';
import type { PadVersionDoc } from './model';
import { padReportsRedactor } from './reports';
import { StaleRedactionError, loadVersion, redactedVersionsWriter, versionCreator, versionsRedacted } from './versions';

/** A redaction racing another one on the same versions computes them again, at most this many times. */
const REDACTION_ATTEMPTS = 3;

/** A mute from the pad lasts until a teacher lifts it, unless a duration is given. */
const UNTIL_UNMUTED_MS = 365 * 24 * 60 * 60 * 1000;

/** Tells everyone viewing the pad that something around its text changed. */
function notifyPad(ctx: ServerContext, spaceId: string, what: PadChange): void {
  ctx.services.realtime.io?.to(spaceRoom(spaceId)).emit('pad:changed', { spaceId, what });
}

/** Who did it, from where, in which pad: the fixed part of the pad's audit events. */
const auditPlace = (state: AuthedRequestState, space: SpaceDoc) => ({
  schoolId: space.schoolId,
  actor: auditActorOf(state),
  origin: 'http' as const,
  context: spaceAuditContext(space),
});

/** A document's state vector: it changes with every change (the audit's raw before/after of a content change). */
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

/** Keeps the pad's current content as a named version (teachers and the director), with its audit event. */
export async function namedVersionCreator(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, name: string): Promise<PadVersionSummary> {
  const runtime = padRuntimeOf(ctx);
  const version = await runtime.withPad(space._id, async (document, padState) => {
    await runtime.collab.durable(document);
    const snapshot = Y.encodeStateAsUpdate(document.doc);
    const mark = stateMark(document.doc);
    const written = auditedChange(ctx, async (record) => {
      const created = await versionCreator(runtime.pads, padState.target, snapshot, { kind: 'named', name, createdBy: state.user._id });
      await record({
        ...auditPlace(state, space),
        event: 'pad.version_created',
        target: { type: 'pad_version', id: created._id, ownerId: space.ownerId },
        change: { fields: ['name', 'content'], after: { name, stateVector: mark } },
      });
      return created;
    });
    return runtime.versionWritten(document, written);
  });
  notifyPad(ctx, space._id, 'versions');
  return (await presentVersions(ctx, [version]))[0]!;
}

/**
 * Restores a version (teachers and the director): a new change, attributed to the person restoring, makes the
 * content equal to the version's; history is not rewritten. The content before is kept as a version, in the
 * transaction of the audit event, BEFORE the change: the change itself reaches the store through the collab
 * update log (its rows are batched by the flusher, outside any transaction), so a restore is never applied
 * unaudited nor without the copy of what it replaced.
 */
export async function versionRestorer(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, versionId: string): Promise<RestoreResult> {
  const runtime = padRuntimeOf(ctx);
  const version = await runtime.withPad(space._id, async (document, padState) => {
    const { version: restored, doc: source } = await loadVersion(runtime.pads, document.name, versionId);
    try {
      await runtime.collab.durable(document);
      const before = Y.encodeStateAsUpdate(document.doc);
      const mark = stateMark(document.doc);
      const kept = auditedChange(ctx, async (record) => {
        const copy = await versionCreator(runtime.pads, padState.target, before, { kind: 'restore', name: null, createdBy: state.user._id });
        await record({
          ...auditPlace(state, space),
          event: 'pad.version_restored',
          target: { type: 'pad_version', id: restored._id, ownerId: space.ownerId },
          change: { fields: ['content'], before: { stateVector: mark, keptAs: copy._id }, after: { version: restored._id, size: restored.size } },
        });
      });
      await runtime.versionWritten(document, kept);
      document.transactAs(state.user._id, (doc) => replaceContent(doc, source));
      await runtime.collab.durable(document);
      padState.changedSinceVersion = true;
      return restored;
    } finally {
      source.destroy();
    }
  });
  notifyPad(ctx, space._id, 'versions');
  notifyPad(ctx, space._id, 'authors');
  return { version: (await presentVersions(ctx, [version]))[0]!};
}

/**
 * Redacts passages: removes every occurrence from the live pad (a change attributed to the moderator), then, in
 * ONE transaction, folds the update log into a snapshot that no longer holds them, rewrites every version and
 * pad report that held them, and records the audit event (how many, never the text).
 */
export async function padRedactor(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, passages: string[]): Promise<RedactResult> {
  const runtime = padRuntimeOf(ctx);
  const result = await runtime.withPad(space._id, async (document) => {
    // Reports about text being checked are filed first, so the rewrite below reaches their quotes too.
    await runtime.personalInfo.settle(document.name);
    await runtime.collab.durable(document);
    let removed = 0;
    document.transactAs(state.user._id, (doc) => (removed = removePassages(doc, passages)));
    await runtime.collab.durable(document);
    await runtime.versionsSettled(document);
    // Reading and re-encoding the versions is slow work: done before the transaction opens, which checks that
    // no other redaction rewrote them meanwhile (then it is done again).
    let versionsRewritten = 0;
    for (let attempt = 1; ; attempt++) {
      const rewrites = await versionsRedacted(runtime.pads, document.name, passages);
      try {
        await runtime.compact(document, true, () =>
          auditedChange(ctx, async (record) => {
            versionsRewritten = await redactedVersionsWriter(runtime.pads, document.name, rewrites);
            const reports = await padReportsRedactor(ctx, space._id, passages);
            await record({
              ...auditPlace(state, space),
              event: 'pad.redacted',
              target: { type: 'pad', id: space._id, ownerId: space.ownerId },
              change: { fields: ['content', 'versions', 'updateLog', 'reports'] },
              reason: `${removed} occurrence(s) of ${passages.length} passage(s) removed, ${versionsRewritten} version(s) and ${reports} report(s) rewritten, log compacted`,
            });
          }),
        );
        break;
      } catch (error) {
        if (!(error instanceof StaleRedactionError) || attempt >= REDACTION_ATTEMPTS) throw error;
      }
    }
    return { removed, versionsRewritten };
  });
  notifyPad(ctx, space._id, 'versions');
  notifyPad(ctx, space._id, 'authors');
  return result;
}

/**
 * Mutes a pupil of the pad's scope (read-only in this pad) through the one mute command (one
 * `moderation.mute` event), at once on their open editors.
 */
export async function pupilMuter(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, input: MuteReq): Promise<{ userId: string; until: number }> {
  const pupils = await scopePupils(ctx, space);
  if (!pupils.some((pupil) => pupil.id === input.userId)) throw new AppError('VALIDATION', 'Only a pupil of this pad can be muted');
  const until = Date.now() + (input.durationMinutes ? input.durationMinutes * 60_000 : UNTIL_UNMUTED_MS);
  await muteSetter(ctx, { state, origin: 'http', space, userId: input.userId, until, reasonCode: 'autre' });
  await refreshLiveMutes(ctx, space._id);
  notifyPad(ctx, space._id, 'mutes');
  return { userId: input.userId, until };
}

/** Lifts a pupil's mute in the pad (NOT_FOUND when not muted), with the one `moderation.unmute` event. */
export async function pupilUnmuter(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, userId: string): Promise<{ userId: string }> {
  await muteLifter(ctx, { state, origin: 'http', space, userId });
  await refreshLiveMutes(ctx, space._id);
  notifyPad(ctx, space._id, 'mutes');
  return { userId };
}

/** A loaded pad re-reads its mutes and re-decides its connections (the muted user may be on none of them). */
async function refreshLiveMutes(ctx: ServerContext, spaceId: string): Promise<void> {
  const runtime = padRuntimeOf(ctx);
  const document = runtime.collab.loaded(padDocumentName(spaceId));
  if (document && runtime.live) await runtime.live.mutesChanged(document);
}

/** The pupils muted in a pad, for the teacher's menu. */
export async function mutedPupils(ctx: ServerContext, mutes: ReadonlyMap<string, number>) {
  const people = await padPeople(ctx, [...mutes.keys()]);
  return [...mutes].map(([userId, until]) => ({ ...people.get(userId)!, until }));
}
