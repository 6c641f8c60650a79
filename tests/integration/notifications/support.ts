/** Helpers of the notification tests: a demo school on a pinned weekday clock, the centre, live sockets. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import type { NotificationPage, NotificationView } from '../../../shared/notifications/types';
import type { Browser } from '../../helpers/http';
import { usePersonaWorld } from '../../helpers/personas';
import type { TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { eventually } from '../pad/support';

export { eventually };
export { ask, createWall, must } from '../wall/support';

/** A Tuesday, 10:00 in Paris: nobody's quiet hours (the staff's default is 19:00–07:30 and weekends). */
export const SCHOOL_HOUR = Date.parse('2026-12-08T09:00:00Z');

/** The demo school's personas on a server whose calendar clock is pinned to school hours (CLOCK_FILE). */
export function useNotificationWorld(env: Record<string, string> = {}) {
  const clockFile = join(mkdtempSync(join(tmpdir(), 'preau-clock-')), 'now');
  writeFileSync(clockFile, String(SCHOOL_HOUR));
  return usePersonaWorld({ env: { ...env, CLOCK_FILE: clockFile } });
}

/** The first page of one's notification centre. */
export async function centre(browser: Browser): Promise<NotificationPage> {
  const answer = await browser.get<NotificationPage>('/api/notifications');
  if (answer.status !== 200) throw new Error(`GET /api/notifications: ${answer.status}`);
  return answer.body;
}

/** One's notifications of a kind (first page). */
export async function ofKind(browser: Browser, kind: NotificationView['kind']): Promise<NotificationView[]> {
  return (await centre(browser)).notifications.filter((notification) => notification.kind === kind);
}

/** Whether one's centre names this item (as the newest item of a notification). */
export async function mentions(browser: Browser, itemId: string): Promise<boolean> {
  return (await centre(browser)).notifications.some((notification) => notification.target?.itemId === itemId);
}

/** A tab's socket (in its user's `user:<id>` room) and the notification events it received. */
export interface LiveTab {
  socket: Socket;
  popped: NotificationView[];
  changes: { removed: string[]; changed: NotificationView[]; unread: number }[];
}

/** A socket of this browser (in its `user:<id>` room), with every notification event it receives. */
export async function liveTab(server: TestServer, browser: Browser): Promise<LiveTab> {
  const socket = await openSocket(server, browser);
  const popped: NotificationView[] = [];
  const changes: { removed: string[]; changed: NotificationView[]; unread: number }[] = [];
  socket.on('notifications:new', (update: { notification: NotificationView }) => popped.push(update.notification));
  socket.on('notifications:changed', (update: { removed: string[]; changed: NotificationView[]; unread: number }) => changes.push(update));
  return { socket, popped, changes };
}

/** One live tab for each browser, in order. */
export function liveTabs<const B extends readonly Browser[]>(server: TestServer, browsers: B): Promise<{ [K in keyof B]: LiveTab }> {
  return Promise.all(browsers.map((browser) => liveTab(server, browser))) as Promise<{ [K in keyof B]: LiveTab }>;
}

/** Long enough for the batches of a loaded machine: every wait polls a condition up to this long. */
export const PATIENCE_MS = 20_000;
