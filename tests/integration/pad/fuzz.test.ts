import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_MESSAGE, SYNC_STEP, padDocumentName } from '../../../shared/pad/protocol';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { RawClient, addParagraph, connectPad, createPad, eventually, typeText, type PadClient } from './support';

const FRAMES = 10_000;
const WORKERS = 20;

/** A deterministic PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Real updates to mutate: typing, formatting, deleting. */
function sampleUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  typeText(doc, 'Les volcans');
  typeText(doc, ' sont des montagnes');
  const text = (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.format(0, 3, { bold: {} });
  text.delete(2, 4);
  return updates;
}

function frame(build: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  build(encoder);
  return encoding.toUint8Array(encoder);
}

/** One malformed or random frame (or a text frame, as a string). */
function fuzzFrame(random: () => number, samples: Uint8Array[]): Uint8Array | string {
  const bytes = (length: number) => Uint8Array.from({ length }, () => Math.floor(random() * 256));
  const pick = random();
  if (pick < 0.25) return bytes(Math.floor(random() * 64));
  if (pick < 0.4) return frame((e) => (encoding.writeVarUint(e, COLLAB_MESSAGE.SYNC), encoding.writeVarUint(e, Math.floor(random() * 6)), encoding.writeUint8Array(e, bytes(Math.floor(random() * 40)))));
  if (pick < 0.6) {
    const update = samples[Math.floor(random() * samples.length)]!.slice();
    const flips = 1 + Math.floor(random() * 4);
    for (let i = 0; i < flips; i++) update[Math.floor(random() * update.length)] = Math.floor(random() * 256);
    const cut = random() < 0.3 ? Math.floor(random() * update.length) : update.length;
    return frame((e) => (encoding.writeVarUint(e, COLLAB_MESSAGE.SYNC), encoding.writeVarUint(e, random() < 0.5 ? SYNC_STEP.UPDATE : SYNC_STEP.STEP2), encoding.writeVarUint8Array(e, update.subarray(0, cut))));
  }
  if (pick < 0.72) {
    const json = random() < 0.5 ? '{"user":' : JSON.stringify({ user: { name: 'x'.repeat(Math.floor(random() * 3000)) } });
    return frame((e) => {
      encoding.writeVarUint(e, COLLAB_MESSAGE.AWARENESS);
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1 + Math.floor(random() * 3));
      encoding.writeVarUint(inner, Math.floor(random() * 2 ** 32));
      encoding.writeVarUint(inner, Math.floor(random() * 10));
      encoding.writeVarString(inner, json);
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    });
  }
  if (pick < 0.8) return frame((e) => (encoding.writeVarUint(e, COLLAB_MESSAGE.SYNC), encoding.writeVarUint(e, SYNC_STEP.STEP1), encoding.writeVarUint8Array(e, bytes(Math.floor(random() * 30)))));
  if (pick < 0.88) return frame((e) => (encoding.writeVarUint(e, COLLAB_MESSAGE.SYNC), encoding.writeVarUint(e, SYNC_STEP.UPDATE), encoding.writeVarUint(e, 2 ** 31), encoding.writeUint8Array(e, bytes(8))));
  if (pick < 0.94) return frame((e) => (encoding.writeVarUint(e, 4 + Math.floor(random() * 1000)), encoding.writeUint8Array(e, bytes(10))));
  return `text ${random()}`;
}

describe('pad: fuzzing the collab endpoint', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let pad: SpaceSummary;
  let writer: PadClient;
  let reader: PadClient;

  beforeAll(async () => {
    // Malformed frames, not their rate, are under test: the fuzzers share the bystanders' accounts, and per-user
    // collab limits (rate-limits.test.ts) would close the bystanders too.
    const unlimited = { points: 1_000_000, durationSeconds: 1 };
    server = await startServer({ env: { RATE_LIMITS: JSON.stringify({ collabMessage: unlimited, collabUpdate: unlimited, collabAwareness: unlimited }) } });
    world = await personaWorld(server);
    pad = await createPad(world.browsers.teacher, world.classId);
    writer = connectPad(server, world.browsers.pupil, pad.id);
    reader = connectPad(server, world.browsers.parent, pad.id);
    await Promise.all([writer.synced(), reader.synced()]);
  });
  afterAll(async () => {
    writer?.destroy();
    reader?.destroy();
    await server?.stop();
    server?.cleanup();
  });

  it(`survives ${FRAMES} random or malformed frames; other connections carry on`, async () => {
    const samples = sampleUpdates();
    let next = 0;
    let closes = 0;
    let writerClosed = false;
    let readerClosed = false;
    void writer.closed.then(() => (writerClosed = true));
    void reader.closed.then(() => (readerClosed = true));

    const worker = async (seed: number) => {
      const random = prng(seed);
      let raw: RawClient | null = null;
      while (next < FRAMES) {
        if (!raw || raw.ws.readyState !== raw.ws.OPEN) {
          raw = RawClient.connect(server, random() < 0.5 ? world.browsers.pupil : world.browsers.parent, padDocumentName(pad.id));
          await raw.opened;
        }
        const current = raw;
        next += 1;
        const data = fuzzFrame(random, samples);
        const before = current.received.length;
        current.ws.send(data);
        // A barrier: the sync answer (or a close) says the frame was handled.
        current.requestState();
        const outcome = await Promise.race([
          current.closed.then(() => 'closed' as const),
          eventually(() => current.received.length > before, 'answer', 5_000).then(() => 'answered' as const),
        ]);
        if (outcome === 'closed') closes += 1;
      }
      raw?.close();
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(1000 + i)));

    expect(next).toBeGreaterThanOrEqual(FRAMES);
    expect(closes).toBeGreaterThan(100);
    expect(server.process.exitCode).toBeNull();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(writerClosed || readerClosed).toBe(false);
    addParagraph(writer.doc, 'Toujours là après le fuzz.');
    await eventually(() => reader.text().includes('Toujours là après le fuzz.'), 'the reader still receives the writer');
    expect(server.output()).not.toMatch(/unhandled rejection|uncaught/i);
    expect(server.output()).not.toMatch(/"level":50/);
  });
});
