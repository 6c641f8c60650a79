import type { WallChange } from '../../../shared/wall/events';
import type { ServerContext } from '../../context';
import type { PreauServer } from '../../realtime/handlers';

/** Who one emit reaches: the sockets in `to` minus those in `except`. */
export interface Rooms {
  to: string[];
  except: string[];
}

/** One class of viewers of a batch and what it is told, in order. */
interface Lane extends Rooms {
  changes: WallChange[];
}

/** A wall's changes waiting to leave: one lane per class of viewers, all from operations that split them alike. */
interface Batch {
  /** The classes of viewers, as a key: only an operation that splits the wall's viewers the same way joins the batch. */
  split: string;
  lanes: Lane[];
  timer: NodeJS.Timeout;
}

const keyOf = (classes: readonly Rooms[]): string => classes.map((rooms) => `${rooms.to.join(',')}|${rooms.except.join(',')}`).join(';');

/**
 * A wall's changes for the same viewers within `windowMs` leave as one frame per socket: one change alone as its own
 * event, several as one `wall:changes` (encoded once per class of viewers, as any room emit).
 *
 * Each socket still gets its changes in the order they were made. An operation hands over the classes it splits the
 * wall's viewers into (disjoint: each socket in at most one) with what each is told; it joins the waiting batch only
 * when it splits them the same way (every public change: the wall's room alone; pending work of the same author),
 * otherwise the waiting batch leaves first. A lock leaves at once, after the wall's batch.
 *
 * Nothing queued may reach someone who lost the right to see it: every space or rights change announced on the bus
 * (after its commit, before it is acknowledged: `space.updated`, `user.rightsChanged`) sends everything queued at
 * once, synchronously, while the rooms are still those the changes were addressed to (sockets leave rooms later,
 * `server/realtime/rights.ts`). So what left was seen by people who had the right when the change was made, exactly as
 * without batching; a revoked pupil moderator gets nothing queued before the revocation after it. With several nodes,
 * those bus events must reach every node (issue 13), as for `live-walls.ts`.
 */
export class WallBatches {
  private readonly batches = new Map<string, Batch>();

  constructor(
    private readonly emit: (rooms: Rooms, event: 'wall:changes' | WallChange['event'], data: unknown) => void,
    private readonly windowMs: number,
  ) {}

  /** Queues what one operation tells a wall's viewers: `changes[i]` (null: nothing) to `classes[i]`. */
  send(spaceId: string, classes: readonly Rooms[], changes: readonly (WallChange | null)[]): void {
    if (this.windowMs <= 0) {
      classes.forEach((rooms, i) => changes[i] && this.emit(rooms, changes[i].event, changes[i].data));
      return;
    }
    const split = keyOf(classes);
    let batch = this.batches.get(spaceId);
    if (batch && batch.split !== split) {
      this.flush(spaceId);
      batch = undefined;
    }
    if (!batch) {
      batch = { split, lanes: classes.map((rooms) => ({ to: rooms.to, except: rooms.except, changes: [] })), timer: setTimeout(() => this.flush(spaceId), this.windowMs) };
      this.batches.set(spaceId, batch);
    }
    changes.forEach((change, i) => change && batch.lanes[i]!.changes.push(change));
  }

  /** Sends a wall's waiting changes now. */
  flush(spaceId: string): void {
    const batch = this.batches.get(spaceId);
    if (!batch) return;
    this.batches.delete(spaceId);
    clearTimeout(batch.timer);
    for (const lane of batch.lanes) {
      if (lane.changes.length === 1) this.emit(lane, lane.changes[0]!.event, lane.changes[0]!.data);
      else if (lane.changes.length > 1) this.emit(lane, 'wall:changes', lane.changes);
    }
  }

  /** Sends every wall's waiting changes now. */
  flushAll(): void {
    for (const spaceId of [...this.batches.keys()]) this.flush(spaceId);
  }
}

/** Emits to rooms on the server's adapter (encoded once per emit). */
function emitter(io: PreauServer) {
  return (rooms: Rooms, event: 'wall:changes' | WallChange['event'], data: unknown): void => {
    // The event and its payload were paired by `WallChange` (or are a list of them): one untyped emit for all.
    (io.to(rooms.to).except(rooms.except) as unknown as { emit(event: string, data: unknown): void }).emit(event, data);
  };
}

const perContext = new WeakMap<ServerContext, WallBatches>();

/** This node's wall batches, sent at once by every space or rights change announced on the bus. */
export function wallBatches(ctx: ServerContext, io: PreauServer): WallBatches {
  let batches = perContext.get(ctx);
  if (!batches) {
    const created = new WallBatches(emitter(io), ctx.config.wallBroadcastWindowMs);
    const flushAll = () => created.flushAll();
    ctx.services.bus.on('space.updated', flushAll);
    ctx.services.bus.on('user.rightsChanged', flushAll);
    ctx.services.bus.on('cluster.resync', flushAll);
    perContext.set(ctx, created);
    batches = created;
  }
  return batches;
}
