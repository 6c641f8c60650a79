import * as Y from 'yjs';
import { AppError } from '../../shared/errors';
import { PAD_AUTO_VERSION_INTERVAL_MS, PAD_COMPACT_AFTER_BYTES, PAD_COMPACT_LOCK_MS } from '../../shared/pad/limits';
import { padDocumentName, spaceIdOfDocument } from '../../shared/pad/protocol';
import type { ResourceOf } from '../../shared/policy/resources';
import { spaceRoom } from '../../shared/spaces/types';
import type { ServerContext } from '../../server/context';
import { auditActorOf, type AuthedRequestState } from '../../server/http/request-state';
import { padMutes } from '../../server/features/pad/access';
import { PadCollections } from '../../server/features/pad/model';
import { loadSpaceOfKind } from '../../server/features/spaces/access';
import { spaceResource, spacesCollection } from '../../server/features/spaces/model';
import { padCompactor, padLoader, padStoreCompactor, updateRow, type PadLogPosition } from '../../server/features/pad/persistence';
import { REMOTE_ORIGIN } from '../core/document';
import { versionCreator, type PadTarget } from '../../server/features/pad/versions';
import type { CollabDocument, CollabServer, DocumentChanges } from '../server';
import { EditActivity } from './activity';
import { PersonalInfoWatch } from './personal-info';

/** What the pad keeps about each connection. */
export interface PadConnectionContext {
  state: AuthedRequestState;
  spaceId: string;
}

export type PadDocument = CollabDocument<PadConnectionContext>;
export type PadCollabServer = CollabServer<PadConnectionContext>;

/** What the pad keeps about each pad in memory. */
export interface PadState {
  target: PadTarget;
  space: ResourceOf<'space'>;
  /** The space's version `space` was built from (a late, older `space.updated` is dropped). */
  spaceVersion: number;
  classId: string | null;
  ownerId: string;
  log: PadLogPosition;
  compacting: Promise<void> | undefined;
  lastVersionAt: number;
  changedSinceVersion: boolean;
  /** Muted users and until when (from the moderation feature's mutes). */
  mutes: Map<string, number>;
  muteTimer: NodeJS.Timeout | undefined;
  /** Versions being written (a redaction waits for them, so none escapes it). */
  versioning: Promise<void>;
}

/**
 * The pad's server side, shared by the collab hooks and the REST routes of one process: the state of every
 * pad in memory, persistence of its changes, compaction, automatic versions and edit activity.
 */
export class PadRuntime {
  readonly pads: PadCollections;
  readonly activity: EditActivity;
  /** The personal-information guard of pads (« pad reports »), off the hot path. */
  readonly personalInfo: PersonalInfoWatch;
  private server: PadCollabServer | undefined;
  /** Live re-evaluation of access (set with the collab server). */
  live: { mutesChanged(document: PadDocument): Promise<void> } | undefined;
  private readonly states = new Map<string, PadState>();
  private initialised: Promise<void> | undefined;
  private readonly compactionQueue = new Set<PadDocument>();
  private compactionRunning = false;

  constructor(readonly ctx: ServerContext) {
    this.pads = new PadCollections(ctx.store);
    this.activity = new EditActivity(ctx);
    this.personalInfo = new PersonalInfoWatch(this);
  }

  init(): Promise<void> {
    this.initialised ??= this.pads.init();
    return this.initialised;
  }

  attach(server: PadCollabServer): void {
    this.server = server;
  }

  /** The collab server; REST operations on live pads go through it. */
  get collab(): PadCollabServer {
    if (!this.server) throw new AppError('UNAVAILABLE', 'The collaboration server is not running');
    return this.server;
  }

  state(document: PadDocument): PadState {
    const state = this.states.get(document.name);
    if (!state) throw new Error(`pad ${document.name} has no state`);
    return state;
  }

  stateOf(name: string): PadState | undefined {
    return this.states.get(name);
  }

  /** Runs an operation on a pad, loaded from the store if nobody has it open. */
  withPad<R>(spaceId: string, operation: (document: PadDocument, state: PadState) => Promise<R> | R): Promise<R> {
    return this.collab.withDocument(padDocumentName(spaceId), (document) => operation(document, this.state(document)));
  }

  /** onLoadDocument: the pad's space, snapshot, log and mutes. */
  async load(document: PadDocument): Promise<void> {
    await this.init();
    const spaceId = spaceIdOfDocument(document.name);
    // A document name carries no school: find the space first, then load it as a pad of its school.
    const found = spaceId ? await spacesCollection(this.ctx.store).findOne({ _id: spaceId }) : null;
    if (!spaceId || !found) throw new AppError('NOT_FOUND', 'Pad not found');
    const space = await loadSpaceOfKind(this.ctx, spaceId, found.schoolId, 'pad');
    const log = await padLoader(this.pads, document.name, document.doc, document.attribution);
    const latest = await this.pads.versions.findOne({ doc: document.name }, { sort: { createdAt: -1 } });
    this.states.set(document.name, {
      target: { name: document.name, spaceId, schoolId: space.schoolId },
      space: spaceResource(space),
      spaceVersion: space.version,
      classId: space.scope.kind === 'class' ? space.scope.classId : null,
      ownerId: space.ownerId,
      log,
      compacting: undefined,
      lastVersionAt: latest?.createdAt ?? Date.now(),
      changedSinceVersion: false,
      mutes: await padMutes(this.ctx, spaceId),
      muteTimer: undefined,
      versioning: Promise.resolve(),
    });
  }

  /** onChange: one log row per pad (its merged update and authors), all written in one store call, before anything is relayed. */
  async persist(batch: DocumentChanges<PadConnectionContext>[]): Promise<void> {
    const now = Date.now();
    const rows = [];
    const touched: Array<{ document: PadDocument; state: PadState; seq: number; bytes: number }> = [];
    for (const { document, update, authors } of batch) {
      const state = this.state(document);
      state.log.seq += 1;
      rows.push(updateRow(document.name, state.log.seq, update, authors, now));
      touched.push({ document, state, seq: state.log.seq, bytes: update.byteLength });
    }
    await this.pads.updates.insertMany(rows);
    for (const { document, state, seq, bytes } of touched) {
      state.log.persistedSeq = Math.max(state.log.persistedSeq, seq);
      state.log.rowsSinceSnapshot += 1;
      state.log.bytesSinceSnapshot += bytes;
      state.changedSinceVersion = true;
      if (state.log.rowsSinceSnapshot >= this.ctx.config.padCompactAfterRows || state.log.bytesSinceSnapshot >= PAD_COMPACT_AFTER_BYTES) this.queueCompaction(document);
      if (now - state.lastVersionAt >= PAD_AUTO_VERSION_INTERVAL_MS) {
        state.lastVersionAt = now;
        void this.autoVersion(document).catch((error: unknown) => this.ctx.logger.error({ err: error, doc: document.name }, 'pad: automatic version failed'));
      }
    }
    for (const { document, authors } of batch) this.countEdits(document, authors);
  }

  private countEdits(document: PadDocument, authors: DocumentChanges<PadConnectionContext>['authors']): void {
    const pad = this.state(document);
    const place = {
      schoolId: pad.target.schoolId,
      spaceId: pad.target.spaceId,
      ownerId: pad.ownerId,
      classId: pad.classId,
      mark: () => Buffer.from(Y.encodeStateVector(document.doc)).toString('base64'),
    };
    let byUser: Map<string, AuthedRequestState> | undefined;
    for (const author of authors) {
      if (!byUser) {
        byUser = new Map();
        for (const connection of document.connections) byUser.set(connection.userId, connection.context.state);
      }
      const state = byUser.get(author.userId);
      const actor = state ? auditActorOf(state) : { userId: author.userId };
      this.activity.count(place, author.userId, actor, { bytes: author.bytes, deleted: author.deleted });
      // Only notes the items a pupil created: their text is read later, off the hot path.
      if (state) this.personalInfo.note(document, state, author.ranges);
    }
  }

  /** Keeps the current state as an automatic version. */
  autoVersion(document: PadDocument): Promise<void> {
    const state = this.state(document);
    state.changedSinceVersion = false;
    state.lastVersionAt = Date.now();
    // The state as of now, encoded before the version's transaction opens.
    const created = versionCreator(this.pads, state.target, Y.encodeStateAsUpdate(document.doc), { kind: 'auto', name: null, createdBy: null }).then(() => {
      this.ctx.services.realtime.io?.to(spaceRoom(state.target.spaceId)).emit('pad:changed', { spaceId: state.target.spaceId, what: 'versions' });
    });
    state.versioning = state.versioning.then(() => created.catch(() => undefined));
    return created;
  }

  /** Counts a version being written (named, before a restore) among those a redaction waits for. */
  versionWritten<T>(document: PadDocument, written: Promise<T>): Promise<T> {
    const state = this.state(document);
    state.versioning = state.versioning.then(() => written.then(() => undefined, () => undefined));
    return written;
  }

  /** Resolves once every version being written for this pad is stored. */
  versionsSettled(document: PadDocument): Promise<void> {
    return this.state(document).versioning;
  }

  /**
   * Compactions past the thresholds run one at a time, each on its own turn of the event loop: pads that
   * started together reach their thresholds together, and compacting them all at once would stall the relay.
   */
  private queueCompaction(document: PadDocument): void {
    this.compactionQueue.add(document);
    if (this.compactionRunning) return;
    this.compactionRunning = true;
    const next = () => {
      const [first] = this.compactionQueue;
      if (!first) {
        this.compactionRunning = false;
        return;
      }
      this.compactionQueue.delete(first);
      const done = this.stateOf(first.name) ? this.compact(first) : Promise.resolve();
      done
        .catch((error: unknown) => this.ctx.logger.error({ err: error, doc: first.name }, 'pad: compaction failed'))
        .finally(() => setTimeout(next, COMPACTION_SPACING_MS));
    };
    setTimeout(next, COMPACTION_SPACING_MS);
  }

  /**
   * Folds the update log into the snapshot (one at a time per pad). `force` compacts even a short log (after
   * a redaction, so no row keeps the removed text); `alongside` runs in the compaction's transaction (the
   * redaction's other writes and its audit event).
   */
  compact(document: PadDocument, force = false, alongside?: () => Promise<void>): Promise<void> {
    const state = this.state(document);
    if (state.compacting) return force ? state.compacting.then(() => this.compact(document, true, alongside)) : state.compacting;
    if (!force && state.log.rowsSinceSnapshot === 0) return Promise.resolve();
    const seq = state.log.persistedSeq;
    const cluster = this.server?.cluster;
    state.compacting = (async () => {
      if (cluster) {
        await this.compactAcross(cluster, state, force, alongside);
        return;
      }
      await padCompactor(this.pads, state.target, document.doc, document.attribution, seq, alongside);
      state.log.snapshotSeq = seq;
      state.log.rowsSinceSnapshot = Math.max(0, state.log.seq - seq);
      state.log.bytesSinceSnapshot = 0;
    })().finally(() => {
      state.compacting = undefined;
    });
    return state.compacting;
  }

  /**
   * Compaction with other nodes writing the same pad: under the pad's Redis lock, folded from the store (see
   * padStoreCompactor), never from this node's Y.Doc, which may lack rows another node wrote. Without `force`, a
   * lock held elsewhere means another node is compacting (it folds this node's rows too): nothing to do. With it
   * (a redaction: no row may keep the removed text), it waits for the lock, and folds until no row is left over.
   */
  private async compactAcross(cluster: NonNullable<PadCollabServer['cluster']>, state: PadState, force: boolean, alongside?: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + PAD_COMPACT_LOCK_MS;
    let alongsideDone = false;
    // What this node wrote before the fold reads the store is folded; what it writes meanwhile counts for the next.
    const rows = state.log.rowsSinceSnapshot;
    const bytes = state.log.bytesSinceSnapshot;
    for (;;) {
      const attempt = await cluster.exclusive(state.target.name, PAD_COMPACT_LOCK_MS, () =>
        padStoreCompactor(this.pads, state.target, alongsideDone ? undefined : alongside),
      );
      if (attempt.done && attempt.value) {
        alongsideDone = true;
        state.log.rowsSinceSnapshot = Math.max(0, state.log.rowsSinceSnapshot - rows);
        state.log.bytesSinceSnapshot = Math.max(0, state.log.bytesSinceSnapshot - bytes);
        if (!force || !attempt.value.more) return;
        continue;
      }
      if (!force) return;
      if (Date.now() > deadline) throw new AppError('UNAVAILABLE', 'The pad is being compacted elsewhere; try again');
      await new Promise((resolve) => setTimeout(resolve, COMPACTION_LOCK_RETRY_MS));
    }
  }

  /** onCatchUp: what the store holds of a loaded pad, read into it (updates from other nodes may have been missed). */
  async catchUp(document: PadDocument): Promise<void> {
    await padLoader(this.pads, document.name, document.doc, document.attribution, REMOTE_ORIGIN);
  }

  /**
   * onStoreDocument: what pupils wrote last is checked, compaction, a last automatic version if the pad
   * changed, edit activity recorded.
   */
  async store(document: PadDocument, reason: 'unload' | 'shutdown'): Promise<void> {
    const state = this.states.get(document.name);
    if (!state) return;
    try {
      await this.personalInfo.settle(document.name);
      await this.compact(document);
      if (state.changedSinceVersion && reason === 'unload') await this.autoVersion(document);
      await this.activity.closePad(state.target.spaceId);
    } finally {
      clearTimeout(state.muteTimer);
      this.personalInfo.forget(document.name);
      this.states.delete(document.name);
    }
  }
}

/** Pause between two queued compactions, so relaying goes on in between. */
const COMPACTION_SPACING_MS = 20;
/** A redaction's compaction waiting for another node's: how often it tries the lock again. */
const COMPACTION_LOCK_RETRY_MS = 100;

const runtimes = new WeakMap<ServerContext, PadRuntime>();

/** The pad runtime of a server context (one per process). */
export function padRuntimeOf(ctx: ServerContext): PadRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    runtime = new PadRuntime(ctx);
    runtimes.set(ctx, runtime);
  }
  return runtime;
}
