import * as Y from 'yjs';
import { AppError } from '../../../shared/errors';
import { PAD_MAX_AUTO_VERSIONS, PAD_MAX_NAMED_VERSIONS } from '../../../shared/pad/limits';
import type { PadVersionKind } from '../../../shared/pad/types';
import { newId } from '../../storage/port';
import { docFromState, removePassages } from './content';
import type { PadCollections, PadVersionDoc } from './model';

/** Which pad a version belongs to. */
export interface PadTarget {
  name: string;
  spaceId: string;
  schoolId: string;
}

/**
 * Keeps a state of the pad (encoded by the caller, before any transaction: encoding is CPU work) as a version:
 * the limit check, its state, its metadata and the pruning of old automatic versions in one transaction (the
 * caller's, when it records an audit event with it), so two versions at once never pass the limit together and
 * a version never exists without its state.
 */
export async function versionCreator(
  pads: PadCollections,
  target: PadTarget,
  state: Uint8Array,
  input: { kind: PadVersionKind; name: string | null; createdBy: string | null },
): Promise<PadVersionDoc> {
  return pads.store.transaction(async () => {
    if (input.kind === 'named' && (await pads.versions.count({ doc: target.name, kind: 'named' })) >= PAD_MAX_NAMED_VERSIONS) {
      throw new AppError('VALIDATION', `This pad already has ${PAD_MAX_NAMED_VERSIONS} named versions`);
    }
    const now = Date.now();
    const _id = newId(now);
    await pads.versionStates.insertOne({ _id, doc: target.name, state });
    const version = await pads.versions.insertOne({
      _id,
      doc: target.name,
      spaceId: target.spaceId,
      schoolId: target.schoolId,
      kind: input.kind,
      name: input.name,
      createdBy: input.createdBy,
      createdAt: now,
      size: state.byteLength,
      redacted: false,
    });
    if (input.kind !== 'named') await autoVersionPruner(pads, target.name);
    return version;
  });
}

/** Keeps the newest PAD_MAX_AUTO_VERSIONS automatic versions (named ones are kept); inside the creator's transaction. */
async function autoVersionPruner(pads: PadCollections, name: string): Promise<void> {
  const old = await pads.versions.find({ doc: name, kind: { $in: ['auto', 'restore'] } }, { sort: { createdAt: -1, _id: -1 }, skip: PAD_MAX_AUTO_VERSIONS });
  for (const version of old) {
    await pads.versionStates.deleteOne({ _id: version._id });
    await pads.versions.deleteOne({ _id: version._id });
  }
}

/** A version of this pad with its state, or NOT_FOUND. */
export async function loadVersion(pads: PadCollections, name: string, versionId: string): Promise<{ version: PadVersionDoc; doc: Y.Doc }> {
  const version = await pads.versions.findOne({ _id: versionId, doc: name });
  const state = version ? await pads.versionStates.findOne({ _id: versionId, doc: name }) : null;
  if (!version || !state) throw new AppError('NOT_FOUND', 'Version not found');
  return { version, doc: docFromState(state.state) };
}

/** A version rewritten without some passages, ready to be stored. */
export interface RedactedVersion {
  id: string;
  /** The stored state it was computed from (the write checks it is still the stored one). */
  from: Uint8Array;
  state: Uint8Array;
}

/** A version changed between the reading of a redaction and its transaction (another redaction): compute again. */
export class StaleRedactionError extends Error {
  override readonly name = 'StaleRedactionError';
}

/**
 * The versions of a pad that hold one of the passages, each re-encoded after the deletion (so its bytes no
 * longer hold the text). Reads and CPU work only: the caller stores them with `redactedVersionsWriter`, in the
 * transaction of the redaction's audit event.
 */
export async function versionsRedacted(pads: PadCollections, name: string, passages: readonly string[]): Promise<RedactedVersion[]> {
  const rewritten: RedactedVersion[] = [];
  for (const version of await pads.versions.find({ doc: name }, { sort: { createdAt: 1 } })) {
    const stored = await pads.versionStates.findOne({ _id: version._id });
    if (!stored) continue;
    const doc = docFromState(stored.state);
    let removed = 0;
    doc.transact(() => (removed = removePassages(doc, passages)));
    if (removed > 0) rewritten.push({ id: version._id, from: stored.state, state: Y.encodeStateAsUpdate(doc) });
    doc.destroy();
  }
  return rewritten;
}

/**
 * Stores redacted versions (inside the caller's transaction) and marks them as redacted: a read-check-write, so
 * a version another redaction rewrote since it was read is never overwritten with a stale copy (StaleRedactionError:
 * the caller computes again). A version pruned meanwhile is skipped (nothing is re-created). Returns how many were
 * rewritten.
 */
export async function redactedVersionsWriter(pads: PadCollections, name: string, versions: readonly RedactedVersion[]): Promise<number> {
  let rewritten = 0;
  for (const { id, from, state } of versions) {
    const current = await pads.versionStates.findOne({ _id: id, doc: name });
    if (!current) continue;
    if (!Buffer.from(current.state).equals(Buffer.from(from))) throw new StaleRedactionError(`version ${id} changed meanwhile`);
    await pads.versionStates.replaceOne({ _id: id, doc: name }, { doc: name, state });
    await pads.versions.updateOne({ _id: id, doc: name }, { $set: { redacted: true, size: state.byteLength } });
    rewritten += 1;
  }
  return rewritten;
}
