/**
 * Issue 12: the collab rate limit was per connection — reconnecting after each 4429 close stored 4,517 updates in
 * 10 s (about 450/s against 40/s nominal). Limits are now per user across connections and reconnections (the one
 * limiter service), injected small here through RATE_LIMITS; a writer over the limit is told and loses nothing.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { padDocumentName } from '../../../shared/pad/protocol';
import { usePersonaWorld } from '../../helpers/personas';
import { openSession } from './session-support';
import { RawClient, addParagraph, connectPad, createPad, eventually, serverText, typeText } from './support';

const UPDATES_PER_SECOND = 20;
const LIMITS = {
  collabUpdate: { points: UPDATES_PER_SECOND, durationSeconds: 1 },
  collabMessage: { points: 2 * UPDATES_PER_SECOND, durationSeconds: 1 },
};

describe('pad: collab rate limits per user, across reconnections', () => {
  const { server, world } = usePersonaWorld({ env: { RATE_LIMITS: JSON.stringify(LIMITS) } });


  it('reconnecting after each rate-limit close does not raise the stored update rate above the per-user limit', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId);
    const started = Date.now();
    let sent = 0;
    let connections = 0;
    while (Date.now() - started < 3_000) {
      const raw = RawClient.connect(server(), world().browsers.pupil, padDocumentName(pad.id));
      connections += 1;
      try {
        await raw.opened;
      } catch {
        continue;
      }
      let open = true;
      void raw.closed.then(() => (open = false));
      // Each update stands alone (a paragraph of its own under a fresh client id), so any of them may be stored.
      while (open && Date.now() - started < 3_000) {
        for (let i = 0; i < 50; i++) {
          const doc = new Y.Doc();
          addParagraph(doc, `[${sent++}]`);
          raw.sendUpdate(Y.encodeStateAsUpdate(doc));
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      raw.close();
    }
    const elapsedSeconds = (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stored = ((await serverText(server(), world().browsers.teacher, pad.id)).match(/\[\d+\]/g) ?? []).length;
    // A fixed window may let a full window's worth through at each of its ends.
    const bound = UPDATES_PER_SECOND * (Math.ceil(elapsedSeconds) + 1);
    expect(connections, 'the attacker reconnected again and again').toBeGreaterThan(2);
    expect(sent).toBeGreaterThan(bound * 4);
    expect(stored, `stored ${stored} of ${sent} updates over ${connections} connections in ${elapsedSeconds.toFixed(1)} s`).toBeLessThanOrEqual(bound);
    expect(stored).toBeGreaterThan(0);
  });

  it('a writer over the limit is told, and everything it typed is stored once the limit allows it', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId);
    const session = openSession(server(), world().browsers.teacher, pad.id);
    let told = false;
    session.subscribe(() => {
      if (session.getState().slowedUntil > Date.now()) told = true;
    });
    try {
      await eventually(() => session.getState().access?.mode === 'write' && session.getState().collab !== null, 'connected');
      const doc = session.getState().collab!.doc;
      const tokens: string[] = [];
      // One update per keystroke, three times the limit in one go.
      for (let i = 0; i < 3 * UPDATES_PER_SECOND; i++) {
        tokens.push(`[${i}]`);
        typeText(doc, `[${i}]`);
      }
      await eventually(() => told, 'the writer is told to slow down');
      // One reader, watching what is relayed (polling with new connections would spend its own small budget).
      const reader = connectPad(server(), world().browsers.parent, pad.id);
      try {
        await eventually(() => tokens.every((token) => reader.text().includes(token)), 'everything typed is stored and relayed', 10_000);
      } finally {
        reader.destroy();
      }
      const stored = await serverText(server(), world().browsers.parent, pad.id);
      for (const token of tokens) expect(stored).toContain(token);
      expect(session.getState().closedCode).toBeNull();
      expect(session.getState().refused).toBeNull();
    } finally {
      session.destroy();
    }
  });
});
