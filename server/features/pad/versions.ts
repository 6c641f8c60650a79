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

/** Keeps the document's current state as a version (its state apart from its metadata). */
export async function versionCreator(
  pads: PadCollections,
  target: PadTarget,
  doc: Y.Doc,
  input: { kind: PadVersionKind; name: string | null; createdBy: string | null },
): Promise<PadVersionDoc> {
  if (input.kind === 'named' && (await pads.versions.count({ doc: target.name, kind: 'named' })) >= PAD_MAX_NAMED_VERSIONS) {
    throw new AppError('VALIDATION', `This pad already has ${PAD_MAX_NAMED_VERSIONS} named versions`);
  }
  const state = Y.encodeStateAsUpdate(doc);
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
}

/** Keeps the newest PAD_MAX_AUTO_VERSIONS automatic versions (named ones are kept). */
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

/**
 * Removes the passages from every version of a pad: each version holding one is rewritten (re-encoded after
 * the deletion, so its bytes no longer hold the text) and marked as redacted. Returns how many were rewritten.
 */
export async function versionRedactor(pads: PadCollections, name: string, passages: readonly string[]): Promise<number> {
  let rewritten = 0;
  for (const version of await pads.versions.find({ doc: name }, { sort: { createdAt: 1 } })) {
    const stored = await pads.versionStates.findOne({ _id: version._id });
    if (!stored) continue;
    const doc = docFromState(stored.state);
    let removed = 0;
    doc.transact(() => (removed = removePassages(doc, passages)));
    if (removed === 0) continue;
    const state = Y.encodeStateAsUpdate(doc);
    await pads.versionStates.replaceOne({ _id: version._id }, { doc: name, state });
    await pads.versions.updateOne({ _id: version._id }, { $set: { redacted: true, size: state.byteLength } });
    rewritten += 1;
  }
  return rewritten;
}
