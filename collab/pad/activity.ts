import type { AuditActor } from '../../shared/audit/events';
import { PAD_EDIT_AUDIT_WINDOW_MS } from '../../shared/pad/limits';
import { auditedChange } from '../../server/audit/command';
import type { ServerContext } from '../../server/context';

/** Where an edit happened, for its audit event. */
export interface EditPlace {
  schoolId: string;
  spaceId: string;
  ownerId: string;
  classId: string | null;
  /** The pad's state vector now (identifies its state: the event's raw before/after, hashed by the log). */
  mark: () => string;
}

interface EditWindow {
  place: EditPlace;
  actor: Partial<AuditActor>;
  updates: number;
  bytes: number;
  deleted: number;
  /** The pad's state when the window opened. */
  before: string;
  timer: NodeJS.Timeout;
}

/**
 * Edit activity in the audit log, coalesced: one `pad.edited` event per user and pad per
 * PAD_EDIT_AUDIT_WINDOW_MS, counting the updates of the window (the update log keeps every one).
 */
export class EditActivity {
  private readonly windows = new Map<string, EditWindow>();

  constructor(private readonly ctx: ServerContext) {}

  /** Counts one accepted change; opens a window on the first. */
  count(place: EditPlace, userId: string, actor: Partial<AuditActor>, change: { bytes: number; deleted: number }): void {
    const key = `${place.spaceId}|${userId}`;
    let window = this.windows.get(key);
    if (!window) {
      window = { place, actor, updates: 0, bytes: 0, deleted: 0, before: place.mark(), timer: setTimeout(() => void this.close(key), PAD_EDIT_AUDIT_WINDOW_MS) };
      window.timer.unref();
      this.windows.set(key, window);
    }
    window.actor = actor;
    window.updates += 1;
    window.bytes += change.bytes;
    window.deleted += change.deleted;
  }

  private async close(key: string): Promise<void> {
    const window = this.windows.get(key);
    if (!window) return;
    this.windows.delete(key);
    clearTimeout(window.timer);
    const { place } = window;
    try {
      const after = place.mark();
      // The edits themselves are in the update log (written as they come, batched): the event says who changed
      // the pad from which state to which, in the audit command like every other event.
      await auditedChange(this.ctx, (record) =>
        record({
          schoolId: place.schoolId,
          actor: window.actor,
          origin: 'collab',
          event: 'pad.edited',
          target: { type: 'pad', id: place.spaceId, ownerId: place.ownerId },
          context: { classId: place.classId, spaceId: place.spaceId },
          change: { fields: ['content'], before: { stateVector: window.before }, after: { stateVector: after } },
          reason: `${window.updates} updates, ${window.bytes} bytes, ${window.deleted} deletions`,
        }),
      );
    } catch (error) {
      this.ctx.logger.error({ err: error, spaceId: place.spaceId }, 'pad: recording edit activity failed');
    }
  }

  /** Records every open window of a pad now (unload, shutdown). */
  async closePad(spaceId: string): Promise<void> {
    const keys = [...this.windows.keys()].filter((key) => key.startsWith(`${spaceId}|`));
    await Promise.all(keys.map((key) => this.close(key)));
  }
}
