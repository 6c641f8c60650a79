import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveSocket } from './socket';
import { watchConnectionHealth } from './socketHealth';

/** A stand-in for the tab's Socket.IO socket: records what the watch does, answers pings when told to. */
function fakeSocket() {
  const handlers = new Map<string, () => void>();
  const packets: Array<() => void> = [];
  const pings: Array<(error: Error | null) => void> = [];
  const socket = {
    connected: true,
    active: true,
    disconnects: 0,
    connects: 0,
    on: (event: string, handler: () => void) => handlers.set(event, handler),
    off: (event: string) => handlers.delete(event),
    io: { engine: { on: (_event: string, handler: () => void) => packets.push(handler) } },
    timeout: (ms: number) => ({
      emit: (_event: string, _payload: unknown, ack: (error: Error | null) => void) => {
        pings.push(ack);
        setTimeout(() => pings.includes(ack) && ack(new Error('operation has timed out')), ms);
      },
    }),
    disconnect() {
      socket.disconnects += 1;
      socket.connected = false;
      socket.active = false;
    },
    connect() {
      socket.connects += 1;
      socket.active = true;
    },
  };
  return {
    socket,
    asLive: socket as unknown as LiveSocket,
    /** The server sends something (a ping, an event). */
    packet: () => packets.forEach((handler) => handler()),
    /** The server answers the pending pings. */
    answer: () => pings.splice(0).forEach((ack) => ack(null)),
    pings,
  };
}

function fakeWindow() {
  const target = new EventTarget();
  return { target: target as unknown as Pick<Window, 'addEventListener' | 'removeEventListener'>, fire: (type: string) => target.dispatchEvent(new Event(type)) };
}

describe('watchConnectionHealth: a cut is shown within seconds', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('the browser’s offline event pauses the connection at once; online opens it again', () => {
    const fake = fakeSocket();
    const win = fakeWindow();
    const lost = vi.fn();
    const stop = watchConnectionHealth(fake.asLive, lost, { target: win.target, isOnline: () => true });
    win.fire('offline');
    expect(lost).toHaveBeenCalledTimes(1);
    expect(fake.socket.disconnects).toBe(1);
    win.fire('online');
    expect(fake.socket.connects).toBe(1);
    stop();
    win.fire('offline');
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('a connection the server closed is left closed by the offline and online events', () => {
    const fake = fakeSocket();
    fake.socket.active = false;
    fake.socket.connected = false;
    const win = fakeWindow();
    const lost = vi.fn();
    watchConnectionHealth(fake.asLive, lost, { target: win.target, isOnline: () => true });
    win.fire('offline');
    win.fire('online');
    expect(lost).not.toHaveBeenCalled();
    expect(fake.socket.connects).toBe(0);
  });

  it('a silent server is pinged after the interval; no answer within the timeout: lost, dropped and reopened', () => {
    const fake = fakeSocket();
    const lost = vi.fn();
    watchConnectionHealth(fake.asLive, lost, { target: fakeWindow().target, isOnline: () => true, intervalMs: 5_000, timeoutMs: 4_000 });
    vi.advanceTimersByTime(4_000);
    expect(fake.pings).toHaveLength(0);
    vi.advanceTimersByTime(2_000);
    expect(fake.pings).toHaveLength(1);
    vi.advanceTimersByTime(4_000);
    expect(lost).toHaveBeenCalledTimes(1);
    expect(fake.socket.disconnects).toBe(1);
    expect(fake.socket.connects).toBe(1);
  });

  it('an answered ping, or anything heard from the server, keeps the connection', () => {
    const fake = fakeSocket();
    const lost = vi.fn();
    watchConnectionHealth(fake.asLive, lost, { target: fakeWindow().target, isOnline: () => true, intervalMs: 5_000, timeoutMs: 4_000 });
    for (let second = 0; second < 30; second++) {
      vi.advanceTimersByTime(1_000);
      if (second % 7 === 0) fake.answer();
      if (second % 3 === 0) fake.packet();
    }
    fake.answer();
    vi.advanceTimersByTime(1_000);
    expect(lost).not.toHaveBeenCalled();
    expect(fake.socket.disconnects).toBe(0);
  });

  it('opened while the browser is offline: paused until it is online', () => {
    const fake = fakeSocket();
    const win = fakeWindow();
    const lost = vi.fn();
    watchConnectionHealth(fake.asLive, lost, { target: win.target, isOnline: () => false });
    expect(fake.socket.disconnects).toBe(1);
    win.fire('online');
    expect(fake.socket.connects).toBe(1);
  });
});
