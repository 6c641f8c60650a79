import { LIVE_HEARTBEAT_INTERVAL_MS, LIVE_HEARTBEAT_TIMEOUT_MS } from '../../../shared/limits';
import type { LiveSocket } from './socket';

export interface HealthOptions {
  /** Silence (nothing from the server) after which a `system:ping` checks the connection. */
  intervalMs?: number;
  /** How long that ping waits for its answer before the connection counts as lost. */
  timeoutMs?: number;
  /** Where the browser's `online`/`offline` events are heard (the window; a stub in unit tests). */
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** Whether the browser says it has a network (navigator.onLine). */
  isOnline?: () => boolean;
}

/**
 * Keeps a live socket honest about its network, so that every live page shows a cut within seconds (Socket.IO alone
 * notices a dead connection only at the server's next unanswered ping, 30–45 s later):
 * - the browser's `offline` event pauses the connection at once (`lost` is called, pending acks fail at once, and
 *   Socket.IO stops retrying into no network); its `online` event opens it again;
 * - a heartbeat: after `intervalMs` without hearing from the server, a `system:ping` is sent; unanswered within
 *   `timeoutMs`, the connection is taken as lost and reopened.
 * Returns the stop (when the tab closes its connection).
 */
export function watchConnectionHealth(socket: LiveSocket, lost: () => void, options: HealthOptions = {}): () => void {
  const intervalMs = options.intervalMs ?? LIVE_HEARTBEAT_INTERVAL_MS;
  const timeoutMs = options.timeoutMs ?? LIVE_HEARTBEAT_TIMEOUT_MS;
  const target = options.target ?? window;
  const isOnline = options.isOnline ?? (() => navigator.onLine);
  let lastHeard = Date.now();
  let probing = false;
  let pausedOffline = false;
  const heard = () => {
    lastHeard = Date.now();
  };

  // Every packet counts, the server's own pings included; a new engine comes with each (re)connection.
  const onConnect = () => {
    heard();
    socket.io.engine.on('packet', heard);
  };
  socket.on('connect', onConnect);
  if (socket.connected) onConnect();

  const onOffline = () => {
    // A connection the server closed (or refused) stays closed: only a live or reconnecting one is paused.
    if (!socket.active) return;
    pausedOffline = true;
    socket.disconnect();
    lost();
  };
  const onOnline = () => {
    if (!pausedOffline) return;
    pausedOffline = false;
    socket.connect();
  };
  target.addEventListener('offline', onOffline);
  target.addEventListener('online', onOnline);
  // Opened while the browser already had no network: wait for it.
  if (!isOnline()) onOffline();

  const check = () => {
    if (probing || !socket.connected || Date.now() - lastHeard < intervalMs) return;
    probing = true;
    const checked = socket;
    // The typed overloads take one literal event with its exact ack: go through a loosely typed view.
    const timed = checked.timeout(timeoutMs) as unknown as { emit(event: string, payload: unknown, ack: (error: Error | null) => void): void };
    timed.emit('system:ping', { sentAt: Date.now() }, (error) => {
      probing = false;
      if (!error) return heard();
      // Nothing came back: the network is gone without the browser saying so. The connection is dropped and opened
      // again (Socket.IO retries until it comes back): closing only the engine could wait forever for a long-poll.
      if (!checked.connected || Date.now() - lastHeard < timeoutMs) return;
      lost();
      checked.disconnect();
      checked.connect();
    });
  };
  const timer = setInterval(check, Math.max(250, Math.floor(intervalMs / 5)));

  return () => {
    clearInterval(timer);
    socket.off('connect', onConnect);
    target.removeEventListener('offline', onOffline);
    target.removeEventListener('online', onOnline);
  };
}
