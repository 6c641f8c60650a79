import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../shared/identity/api';
import { useTestServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { openClassRoom } from '../chat/support';
import { createPad, eventually } from '../pad/support';
import { LIVE_BOUND_MS, closeLive, expectCut, expectWorking, openLiveSession, trySend, type LiveSession, type Places } from './session-end-support';

/**
 * Issue 12, Deliver 6, expiry: a session that expires while its socket and collab connection stay open is
 * closed too, within 2 s, with no REST request to notice it. The lifetimes are injected through the
 * configuration (seconds instead of hours); the server checks its live sessions on its own.
 */
async function classPlaces(server: TestServer): Promise<Places> {
  const teacher = await signedIn(server, 'claire.fontaine');
  const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
  const pad = await createPad(teacher, classId);
  const room = await openClassRoom(teacher, classId);
  return { padId: pad.id, roomId: room.id };
}

/** Keeps a session busy on its socket only (a chat message every 500 ms) until `done` says stop. */
async function keepBusy(live: LiveSession, roomId: string, done: () => boolean): Promise<void> {
  for (let i = 0; !done(); i += 1) {
    await trySend(live, roomId, `occupé ${i}`);
    await sleep(500);
  }
}

/**
 * One server with the given session lifetimes (`env`) for a `describe` block, with a pad and a chat room of the
 * class; the live sessions the tests push to `opened` are closed after it. Accessors, as `useTestServer`.
 */
function useClassPlaces(env: Record<string, string>): { server: () => TestServer; places: () => Places; opened: LiveSession[] } {
  const server = useTestServer({ env });
  let places: Places | undefined;
  const opened: LiveSession[] = [];
  beforeAll(async () => {
    places = await classPlaces(server());
  });
  afterAll(() => {
    for (const live of opened) closeLive(live);
  });
  return {
    server,
    places: () => {
      if (!places) throw new Error('the class places are not created yet');
      return places;
    },
    opened,
  };
}

describe('idle expiry closes live connections; activity on them keeps a session alive', () => {
  const IDLE_MS = 4_000;
  const { server, places, opened } = useClassPlaces({ SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_MS / 1000) });

  it('an idle session’s socket and collab connection are closed within 2 s of its idle timeout; a busy one is not', async () => {
    const idle = await openLiveSession(server(), 'lea.martin', places());
    const busy = await openLiveSession(server(), 'lea.martin', places());
    opened.push(idle, busy);
    await expectWorking(server(), busy, places());
    await expectWorking(server(), idle, places());
    const idleSince = Date.now();

    const closed = () => idle.socketClosedAt() !== null && idle.collabClosed() !== null;
    const busyLoop = keepBusy(busy, places().roomId, () => closed() || Date.now() > idleSince + IDLE_MS + 3 * LIVE_BOUND_MS);
    await eventually(closed, 'the idle session’s connections are closed', IDLE_MS + 3 * LIVE_BOUND_MS);
    await busyLoop;
    // Not before its time (its last activity was just before `idleSince`), and within the bound after it.
    expect(idle.socketClosedAt()! - idleSince).toBeGreaterThan(IDLE_MS - 1_500);
    await expectCut(server(), idle, busy, places(), idleSince + IDLE_MS);

    // The busy session wrote on its socket only, for longer than the idle timeout: it is alive, REST included.
    expect(Date.now() - idleSince).toBeGreaterThan(IDLE_MS);
    expect((await busy.browser.get('/api/me')).status).toBe(200);
    await expectWorking(server(), busy, places());
  });
});

describe('absolute expiry closes live connections, however busy they are', () => {
  const ABSOLUTE_MS = 8_000;
  const { server, places, opened } = useClassPlaces({ SESSION_ABSOLUTE_TIMEOUT_SECONDS: String(ABSOLUTE_MS / 1000) });

  it('a session past its absolute lifetime is closed within 2 s, while a later session of the same user goes on', async () => {
    const first = await openLiveSession(server(), 'chloe.nguyen', places());
    opened.push(first);
    const sessions = await first.browser.get<SessionSummary[]>('/api/me/sessions');
    const expiresAt = sessions.body.find((session) => session.current)!.createdAt + ABSOLUTE_MS;
    await expectWorking(server(), first, places());

    // The first session stays busy on its socket; a second one starts half-way through the first one's life.
    const closed = () => first.socketClosedAt() !== null && first.collabClosed() !== null;
    const busyLoop = keepBusy(first, places().roomId, () => closed() || Date.now() > expiresAt + 3 * LIVE_BOUND_MS);
    await sleep(Math.max(0, expiresAt - ABSOLUTE_MS / 2 - Date.now()));
    const later = await openLiveSession(server(), 'chloe.nguyen', places());
    opened.push(later);

    await eventually(closed, 'the expired session’s connections are closed', Math.max(0, expiresAt - Date.now()) + 3 * LIVE_BOUND_MS);
    await busyLoop;
    expect(first.socketClosedAt()!).toBeGreaterThanOrEqual(expiresAt - 50);
    await expectCut(server(), first, later, places(), expiresAt);
    await expectWorking(server(), later, places());
  });
});
