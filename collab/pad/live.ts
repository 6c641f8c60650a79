import { COLLAB_CLOSE } from '../../shared/realtime/close-codes';
import { padDocumentName } from '../../shared/pad/protocol';
import type { SpaceSummary } from '../../shared/spaces/types';
import { loadActor } from '../../server/features/directory/actor';
import { padAccessOf, padMutes } from '../../server/features/pad/access';
import { scopeIdOf, spaceResource, spacesCollection } from '../../server/features/spaces/model';
import type { PadConnectionContext, PadDocument, PadRuntime } from './runtime';
import type { CollabConnection } from '../server';

/**
 * Live permission changes (BRIEF: within 2 s, no reload): a pad's connections are re-evaluated when its space
 * changes (`space.updated`: writers, lock, a pupil moderator designated or revoked), when a user's rights
 * change (`user.rightsChanged`: designation, suspension, memberships, a mute from any screen) and when a mute
 * expires. A connection that may no longer read is closed; the others are told their new access, and the
 * editor follows: a pupil moderator designated while the pad is open writes at once, a revoked one's next
 * update is refused on the same connection.
 */
export class LiveAccess {
  constructor(private readonly runtime: PadRuntime) {}

  /** Subscribes to the server bus. */
  listen(): void {
    const { bus } = this.runtime.ctx.services;
    bus.on('space.updated', (summary) => this.spaceUpdated(summary));
    bus.on('user.rightsChanged', (userId) => {
      void this.userChanged(userId).catch((error: unknown) => this.runtime.ctx.logger.error({ err: error, userId }, 'pad: re-evaluating access failed'));
    });
    bus.on('cluster.resync', () => {
      void this.resync().catch((error: unknown) => this.runtime.ctx.logger.error({ err: error }, 'pad: resynchronising access failed'));
    });
  }

  /**
   * This node may have missed changes made on others (`cluster.resync`): every loaded pad reloads its space, every
   * connected user their rights and the pad's mutes, and every connection is re-decided.
   */
  private async resync(): Promise<void> {
    const users = new Set<string>();
    for (const name of this.runtime.collab.loadedNames()) {
      const document = this.runtime.collab.loaded(name);
      const state = document && this.runtime.stateOf(name);
      if (!document || !state) continue;
      const space = await spacesCollection(this.runtime.ctx.store).findOne({ _id: state.target.spaceId, deletedAt: null });
      if (!space) {
        for (const connection of document.connections) connection.close(COLLAB_CLOSE.FORBIDDEN, 'access removed');
        continue;
      }
      state.space = spaceResource(space);
      state.spaceVersion = space.version;
      for (const connection of document.connections) users.add(connection.context.state.user._id);
    }
    for (const userId of users) await this.userChanged(userId);
  }

  /**
   * The space changed (writers, lock, archived, its pupil moderators and co-owners; put in the bin: every
   * connection is closed): the pad decides on the space resource built the
   * same way as everywhere (`spaceResource`), from the summary the change published; an older summary arriving
   * late is dropped.
   */
  private spaceUpdated(summary: SpaceSummary): void {
    if (summary.kind !== 'pad') return;
    const document = this.runtime.collab.loaded(padDocumentName(summary.id));
    const state = document && this.runtime.stateOf(document.name);
    if (!document || !state || summary.version < state.spaceVersion) return;
    if (summary.deletedAt !== null) {
      for (const connection of document.connections) connection.close(COLLAB_CLOSE.FORBIDDEN, 'space deleted');
      return;
    }
    const { id, ...fields } = summary;
    state.space = spaceResource({ ...fields, _id: id, schoolId: state.target.schoolId, scopeId: scopeIdOf(summary.scope) });
    state.spaceVersion = summary.version;
    this.reevaluateDocument(document);
  }

  private async userChanged(userId: string): Promise<void> {
    const connections = this.runtime.collab.connectionsOf(userId);
    if (connections.length === 0) return;
    const { directory } = this.runtime.ctx.services;
    const user = await directory.users.findOne({ _id: userId });
    if (!user || user.status !== 'active') {
      for (const connection of connections) connection.close(COLLAB_CLOSE.SUSPENDED, 'account not active');
      return;
    }
    const actor = await loadActor(directory, user);
    const documents = new Set<PadDocument>();
    for (const connection of connections) {
      connection.context.state = { ...connection.context.state, user, actor };
      const document = this.runtime.collab.loaded(connection.documentName);
      if (document) documents.add(document);
    }
    for (const document of documents) {
      const state = this.runtime.stateOf(document.name);
      if (state) state.mutes = await padMutes(this.runtime.ctx, state.target.spaceId);
      this.reevaluateDocument(document);
    }
  }

  /** Mutes changed in this pad (from the pad's own mute action). */
  async mutesChanged(document: PadDocument): Promise<void> {
    const state = this.runtime.state(document);
    state.mutes = await padMutes(this.runtime.ctx, state.target.spaceId);
    this.reevaluateDocument(document);
  }

  /** Re-decides every connection of a pad, and plans the next re-decision at the next mute expiry. */
  reevaluateDocument(document: PadDocument): void {
    const state = this.runtime.stateOf(document.name);
    if (!state) return;
    for (const connection of document.connections) this.reevaluate(connection, state.space, state.mutes);
    clearTimeout(state.muteTimer);
    const now = Date.now();
    const next = Math.min(...[...state.mutes.values()].filter((until) => until > now));
    if (Number.isFinite(next)) {
      state.muteTimer = setTimeout(() => this.reevaluateDocument(document), Math.min(next - now + 50, 2 ** 31 - 1));
      state.muteTimer.unref();
    }
  }

  private reevaluate(
    connection: CollabConnection<PadConnectionContext>,
    space: Parameters<typeof padAccessOf>[1],
    mutes: ReadonlyMap<string, number>,
  ): void {
    const access = padAccessOf(connection.context.state.actor, space, mutes);
    if (access.mode === 'none') {
      connection.close(COLLAB_CLOSE.FORBIDDEN, 'access removed');
      return;
    }
    if (JSON.stringify(access) !== JSON.stringify(connection.access)) this.runtime.collab.setAccess(connection, access);
  }
}
