import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionEndReason } from '../../../shared/identity/session-end';
import { createLogger } from '../../logger';
import { openStore } from '../../storage/open';
import type { Store } from '../../storage/port';
import { SessionWatch } from './session-watch';
import { SessionStore, type SessionDoc } from './sessions';

const IDLE_MS = 10_000;
const ABSOLUTE_MS = 60_000;

describe('SessionWatch: live connections follow their session (real embedded store)', () => {
  let dataDir: string;
  let store: Store;
  let sessions: SessionStore;
  /** The sessions "connected" on this process, as of their handshake. */
  let connected: SessionDoc[];
  let ended: Map<string, SessionEndReason>;
  let watch: SessionWatch;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'preau-watch-'));
    store = await openStore({ dataDir });
    sessions = new SessionStore(store, { idleMs: IDLE_MS, absoluteMs: ABSOLUTE_MS });
    await sessions.init();
    connected = [];
    ended = new Map();
    watch = new SessionWatch({
      sessions,
      inUse: () => connected,
      end: async (which) => {
        for (const [id, reason] of which) ended.set(id, reason);
        // Closed: they leave the process's live connections.
        connected = connected.filter((session) => !which.has(session._id));
      },
      logger: createLogger('silent'),
      revalidateMs: 5_000,
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const open = async (userId = 'u1'): Promise<SessionDoc> => {
    const { session } = await sessions.create({ userId, schoolId: 's1', ip: null, userAgent: null });
    connected.push(session);
    return session;
  };

  it('ends a session at its absolute expiry (deleted from the store), however active, and leaves a younger one', async () => {
    const old = await open();
    const t0 = old.createdAt;
    const young = { ...(await open()), createdAt: t0 + 30_000, expiresAt: t0 + 30_000 + ABSOLUTE_MS };
    await sessions.sessions.updateOne({ _id: young._id }, { $set: { createdAt: young.createdAt, expiresAt: young.expiresAt } });
    connected = [old, young];

    for (let now = t0 + 1_000; now < t0 + ABSOLUTE_MS; now += 5_000) {
      sessions.markActive(old._id, now);
      sessions.markActive(young._id, now);
      await watch.tick(now);
    }
    expect(ended.size).toBe(0);
    sessions.markActive(old._id, t0 + ABSOLUTE_MS);
    await watch.tick(t0 + ABSOLUTE_MS);
    expect([...ended]).toEqual([[old._id, 'expired']]);
    expect(await sessions.sessions.findOne({ _id: old._id })).toBeNull();
    expect(await sessions.sessions.findOne({ _id: young._id })).not.toBeNull();
  });

  it('ends an idle session at its idle timeout; activity on live connections is stored and keeps the other alive', async () => {
    const idle = await open();
    const busy = await open();
    const t0 = Math.max(idle.lastSeenAt, busy.lastSeenAt);
    for (let now = t0 + 1_000; now < t0 + IDLE_MS; now += 1_000) {
      sessions.markActive(busy._id, now);
      await watch.tick(now);
    }
    expect(ended.size).toBe(0);
    sessions.markActive(busy._id, idle.lastSeenAt + IDLE_MS);
    await watch.tick(idle.lastSeenAt + IDLE_MS);
    expect([...ended]).toEqual([[idle._id, 'expired']]);
    // The busy session's activity reached the store: REST sees it alive after the idle timeout.
    const stored = await sessions.sessions.findOne({ _id: busy._id });
    expect(stored!.lastSeenAt).toBeGreaterThan(busy.lastSeenAt + IDLE_MS / 2);
  });

  it('ends at once a session deleted during its handshake, and within the revalidation one deleted without closing it', async () => {
    const gone = await open();
    await sessions.destroy(gone._id);
    const now = gone.createdAt + 1;
    await watch.tick(now);
    expect(ended.get(gone._id)).toBe('ended');

    const later = await open();
    await watch.tick(later.createdAt + 1);
    await sessions.destroy(later._id);
    await watch.tick(later.createdAt + 2);
    expect(ended.has(later._id)).toBe(false); // Not due yet: no store read.
    await watch.tick(later.createdAt + 6_000);
    expect(ended.get(later._id)).toBe('ended');
  });
});
