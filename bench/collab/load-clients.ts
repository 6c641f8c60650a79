/**
 * The load generator of `bench/collab.bench.ts`, run in its own processes: y-websocket protocol clients that
 * type stamped edits (`§§room.client.seq§`) at a given rate, record when each peer receives each stamp, and
 * check at the end that every room converged.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { COLLAB_MESSAGE, PAD_FRAGMENT, SYNC_STEP } from '../../shared/pad/protocol';
import { LeanSocket } from './lean-socket';

/** Latency histogram: 0.1 ms buckets up to 30 s. */
export const BUCKET_MS = 0.1;
export const BUCKETS = 300_000;
/** Stamps are `§§<room>.<client>.<seq>§` inside the typed text: found in the raw frames without decoding Yjs. */
const STAMP = Buffer.from('§§', 'utf8');

export interface ClientPlan {
  url: string;
  headers: Record<string, string>;
}
export interface RoomPlan {
  clients: ClientPlan[];
}
export interface ClientsStart {
  type: 'start';
  rooms: RoomPlan[];
  editsPerSecond: number;
  /** Each edit is followed by a presence update (the caret moved), as the editor's cursor plugin sends. */
  awareness: boolean;
  warmupMs: number;
  measureMs: number;
}
export interface ClientsResult {
  type: 'result';
  histogram: number[];
  deliveries: number;
  stampsSent: number;
  missing: number;
  roomsConverged: number;
  rooms: number;
  sendsDropped: number;
  frames: number;
  /** This process's event-loop delay over the measured window (ms): how late it read what arrived. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

function frame(type: number, step: number | null, bytes: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (step !== null) encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, bytes);
  return encoding.toUint8Array(encoder);
}

class LoadClient {
  readonly doc = new Y.Doc();
  /** Raw updates received, kept only by the clients that check convergence. */
  readonly received: Uint8Array[] = [];
  /** Per sender index of the room: which of its stamps arrived (by sequence number). */
  readonly seen: Uint8Array[];
  ws!: LeanSocket;
  run!: Y.XmlText;
  seq = 0;
  nextEditAt = 0;
  synced = false;
  /** Edits encoded before the run (a recorded trace), so typing costs the load generator nothing. */
  private readonly prepared: Uint8Array[] = [];
  /** Per prepared edit, the presence update of the caret after it (when the load has presence). */
  private readonly presences: Uint8Array[] = [];
  /** This client's Yjs clock after each prepared edit. */
  private readonly clocks: number[] = [];
  private recording = false;
  private baseClock = 0;

  constructor(
    readonly room: number,
    readonly index: number,
    readonly roomSize: number,
    readonly keepUpdates: boolean,
    readonly stats: ClientStats,
    readonly withPresence: boolean,
  ) {
    this.seen = Array.from({ length: roomSize }, () => new Uint8Array(4096));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      const encoded = frame(COLLAB_MESSAGE.SYNC, SYNC_STEP.UPDATE, update);
      if (this.recording) this.prepared.push(encoded);
      else if (this.ws?.open) this.ws.send(encoded);
    });
  }

  connect(plan: ClientPlan): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws = new LeanSocket(plan.url, plan.headers);
      this.ws.onError = reject;
      this.ws.onClose = (code) => {
        if (!this.stats.stopping) this.stats.unexpectedCloses.push(code);
      };
      this.ws.onMessage = (data) => this.onMessage(data, resolve);
      this.ws.onOpen = () => {
        this.ws.send(frame(COLLAB_MESSAGE.SYNC, SYNC_STEP.STEP1, Y.encodeStateVector(this.doc)));
        // A paragraph of its own, as the editor makes one (its text run is where this client types).
        this.doc.transact(() => {
          const paragraph = new Y.XmlElement('paragraph');
          this.run = new Y.XmlText();
          paragraph.insert(0, [this.run]);
          this.doc.getXmlFragment(PAD_FRAGMENT).insert(0, [paragraph]);
        });
      };
    });
  }

  private onMessage(data: Buffer, onSynced: () => void): void {
    const now = performance.now();
    if (now >= this.stats.measureFrom && now < this.stats.measureEnd) this.stats.frames += 1;
    // [SYNC=0][step][length…][update]: only step 1 needs an answer; updates are scanned raw for stamps.
    if (data[0] !== COLLAB_MESSAGE.SYNC) return;
    const step = data[1];
    if (step === SYNC_STEP.STEP1) {
      const decoder = decoding.createDecoder(data);
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      this.ws.send(frame(COLLAB_MESSAGE.SYNC, SYNC_STEP.STEP2, Y.encodeStateAsUpdate(this.doc, decoding.readVarUint8Array(decoder))));
      return;
    }
    if (this.keepUpdates) {
      const decoder = decoding.createDecoder(data);
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      this.received.push(decoding.readVarUint8Array(decoder).slice());
    }
    if (step === SYNC_STEP.STEP2 && !this.synced) {
      this.synced = true;
      onSynced();
    }
    this.scan(data, now);
  }

  /** Finds the stamps `§§room.sender.seq§` in a frame and records the latency of others' stamps, each once. */
  private scan(data: Buffer, now: number): void {
    for (let at = data.indexOf(STAMP); at !== -1; at = data.indexOf(STAMP, at + 4)) {
      let i = at + 4;
      const numbers = [0, 0, 0];
      for (let n = 0; n < 3; n++) {
        let value = 0;
        for (let c = data[i]!; c >= 48 && c <= 57; c = data[++i]!) value = value * 10 + (c - 48);
        numbers[n] = value;
        i += 1;
      }
      const [room, sender, seq] = numbers as [number, number, number];
      if (room !== this.room || sender === this.index || sender >= this.roomSize) continue;
      const sent = this.stats.sentAt[room]?.[sender]?.[seq];
      let seen = this.seen[sender]!;
      if (seq >= seen.length) {
        const grown = new Uint8Array(seen.length * 2 + seq);
        grown.set(seen);
        this.seen[sender] = seen = grown;
      }
      if (sent === undefined || sent === 0 || seen[seq]) continue;
      seen[seq] = 1;
      this.stats.record(now - sent);
    }
  }

  /** Types `count` stamped edits into the document now, keeping their frames to send during the run. */
  prepare(count: number): void {
    this.baseClock = Y.getState(this.doc.store, this.doc.clientID);
    this.recording = true;
    for (let seq = 0; seq < count; seq++) {
      this.run.insert(this.run.length, `§§${this.room}.${this.index}.${seq}§ `);
      const clock = Y.getState(this.doc.store, this.doc.clientID);
      this.clocks.push(clock);
      if (this.withPresence) this.presences.push(presenceFrame(this.doc.clientID, seq + 1, clock));
    }
    this.recording = false;
  }

  /** Sends the next prepared edit (the run stops before they run out). */
  edit(now: number, measuring: boolean): void {
    const seq = this.seq;
    const prepared = this.prepared[seq];
    if (!prepared) return;
    this.seq += 1;
    if (measuring) {
      ((this.stats.sentAt[this.room] ??= [])[this.index] ??= [])[seq] = now;
      this.stats.stampsSent += 1;
      this.stats.expected.push([this.room, this.index, seq]);
    }
    if (this.withPresence) this.ws.sendAll([prepared, this.presences[seq]!]);
    else this.ws.send(prepared);
  }

  /** This client's clock after its last sent edit (what every peer must have). */
  get sentClock(): number {
    return this.seq === 0 ? this.baseClock : this.clocks[this.seq - 1]!;
  }

  /** The document as this client received it from the server (its own edits come back too). */
  settle(): Y.Doc {
    const doc = new Y.Doc();
    if (this.received.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(this.received));
    return doc;
  }
}

/**
 * A presence (awareness) update as y-prosemirror's cursor plugin publishes it after a keystroke: the caret as
 * relative positions, under the client's own Yjs id, with a growing clock (the server writes the user's name).
 */
function presenceFrame(clientId: number, awarenessClock: number, itemClock: number): Uint8Array {
  const position = { type: null, tname: null, item: { client: clientId, clock: itemClock - 1 }, assoc: 0 };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, awarenessClock);
  encoding.writeVarString(encoder, JSON.stringify({ cursor: { anchor: position, head: position }, user: { name: 'Élève', color: '#30bced' } }));
  return frame(COLLAB_MESSAGE.AWARENESS, null, encoding.toUint8Array(encoder));
}

class ClientStats {
  readonly histogram = new Uint32Array(BUCKETS + 1);
  /** sentAt[room][sender][seq] = performance.now() at the edit (measured edits only). */
  readonly sentAt: number[][][] = [];
  readonly expected: Array<[number, number, number]> = [];
  readonly unexpectedCloses: number[] = [];
  deliveries = 0;
  stampsSent = 0;
  frames = 0;
  measureFrom = Infinity;
  measureEnd = Infinity;
  stopping = false;

  record(ms: number): void {
    this.deliveries += 1;
    this.histogram[Math.min(BUCKETS, Math.max(0, Math.floor(ms / BUCKET_MS)))]! += 1;
  }
}

/** The `--role=clients` process: receives its rooms, connects, types, measures, reports. */
export async function runClients(): Promise<void> {
  // The benchmark went away (interrupted): its load clients go too.
  process.once('disconnect', () => process.exit(0));
  const start = await new Promise<ClientsStart>((resolve) => process.once('message', (message) => resolve(message as ClientsStart)));
  const stats = new ClientStats();
  // Rooms are numbered within this process; the first and last client of each room keep what they receive.
  const rooms = start.rooms.map((room, r) =>
    room.clients.map((_plan, i) => new LoadClient(r, i, room.clients.length, i === 0 || i === room.clients.length - 1, stats, start.awareness)),
  );
  // Connect in small batches, like a class arriving, not 900 handshakes at once.
  for (let r = 0; r < rooms.length; r++) {
    await Promise.all(rooms[r]!.map((client, i) => client.connect(start.rooms[r]!.clients[i]!)));
  }
  const maxEdits = Math.ceil(((start.warmupMs + start.measureMs) / 1000) * start.editsPerSecond * 1.6) + 4;
  for (const client of rooms.flat()) client.prepare(maxEdits);
  process.send?.({ type: 'connected' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));

  const all = rooms.flat();
  const begin = performance.now();
  const measureFrom = begin + start.warmupMs;
  const end = measureFrom + start.measureMs;
  stats.measureFrom = measureFrom;
  stats.measureEnd = end;
  const interval = 1000 / start.editsPerSecond;
  for (const client of all) client.nextEditAt = begin + Math.random() * interval;
  // A frame waits in the kernel while this loop is busy: its latency counts this process's delay too.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  const measuring = setTimeout(() => loopDelay.enable(), start.warmupMs);
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (now >= end) {
        resolve();
        return;
      }
      for (const client of all) {
        if (now >= client.nextEditAt) {
          client.edit(now, now >= measureFrom);
          client.nextEditAt += interval * (0.5 + Math.random());
        }
      }
      setTimeout(tick, 5);
    };
    tick();
  });
  clearTimeout(measuring);
  loopDelay.disable();
  // Let the last edits arrive, then check that every peer got every stamp and that the documents agree.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  stats.stopping = true;
  let missing = 0;
  for (const [room, sender, seq] of stats.expected) {
    for (const client of rooms[room]!) if (client.index !== sender && !client.seen[sender]![seq]) missing += 1;
  }
  let roomsConverged = 0;
  for (const room of rooms) {
    const first = room[0]!.settle();
    const last = room[room.length - 1]!.settle();
    const same = Buffer.from(Y.encodeStateVector(first)).equals(Buffer.from(Y.encodeStateVector(last)));
    const text = (doc: Y.Doc) => doc.getXmlFragment(PAD_FRAGMENT).toString();
    // Every client's sent edits (and nothing it did not send) are in the received documents.
    const complete = room.every((client) => Y.getState(first.store, client.doc.clientID) === client.sentClock);
    if (same && complete && text(first) === text(last) && room.every((client) => client.ws.open)) roomsConverged += 1;
  }
  for (const client of all) client.ws.close();
  const result: ClientsResult = {
    type: 'result',
    histogram: Array.from(stats.histogram),
    deliveries: stats.deliveries,
    stampsSent: stats.stampsSent,
    missing,
    roomsConverged,
    rooms: rooms.length,
    sendsDropped: stats.unexpectedCloses.length,
    frames: stats.frames,
    loopDelayP99Ms: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : 0,
    loopDelayMaxMs: loopDelay.count > 0 ? loopDelay.max / 1e6 : 0,
  };
  // Exit only once the result is handed to the parent (an exit could drop a message still queued).
  process.send?.(result, () => process.exit(0));
}

