/**
 * One Socket.IO connection per tab (issue 14): a pupil opens a wall, then a chat room, in the same tab (moving
 * inside the app, never reloading), and each page listens on the tab's one connection. Counted in Chromium: one
 * Engine.IO session and one WebSocket to /socket.io for the whole visit, open all along; the wall still shows a
 * teacher's new card live, the chat a teacher's new message, and leaving the wall leaves its room.
 */
import type { Page, WebSocket } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import fr from '../../client/src/i18n/fr.json';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import chatFr from '../../client/src/features/chat/i18n/fr.json';
import { describeE2E } from '../helpers/browser';
import { signedIn } from '../helpers/sockets';
import { inRoom, newRoom, send } from '../integration/chat/support';
import { createWall, joinWall, postCard } from '../integration/wall/support';
import { signInToDashboard, useBrowserWorld } from './support/identity';
import { LIVE_MS } from './support/live';
import { eitherVoice } from './support/voice';

/** What a tab does on /socket.io: its Engine.IO sessions (a handshake has no `sid`), its WebSockets, its frames. */
function watchSocketIo(page: Page) {
  const sockets: WebSocket[] = [];
  const sent: string[] = [];
  let handshakes = 0;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/socket.io/') && !url.searchParams.has('sid')) handshakes += 1;
  });
  page.on('websocket', (socket) => {
    const url = new URL(socket.url());
    if (!url.pathname.startsWith('/socket.io/')) return;
    sockets.push(socket);
    if (!url.searchParams.has('sid')) handshakes += 1;
    socket.on('framesent', (frame) => typeof frame.payload === 'string' && sent.push(frame.payload));
  });
  return {
    sessions: () => handshakes,
    webSockets: () => sockets.length,
    open: () => sockets.filter((socket) => !socket.isClosed()).length,
    sent,
  };
}

describeE2E('one Socket.IO connection per tab: the wall, then the chat', () => {
  const world = useBrowserWorld();
  let wallId: string;
  let roomId: string;
  const wallTitle = 'Mur des saisons';
  const roomTitle = 'Salon des saisons';

  beforeAll(async () => {
    const teacher = await signedIn(world.server(), 'claire.fontaine');
    const classId = (await teacher.get<{ classes: Array<{ id: string }> }>('/api/dashboard')).body.classes[0]!.id;
    wallId = (await createWall(teacher, classId, {}, { title: wallTitle })).id;
    roomId = await newRoom(teacher, classId, {}, roomTitle);
  });

  it('a pupil opens a wall then a chat room in one tab: one connection, live changes on both pages', async () => {
    const server = world.server();
    const { page, errors } = await world.tab();
    const socketIo = watchSocketIo(page);
    await signInToDashboard(page, server.url, server.dataDir, 'lea.martin');
    await page.locator('[data-testid="live-state"][data-state="online"]').waitFor();

    // The wall, opened from the dashboard's spaces.
    await page.getByTestId('space-card').getByRole('link', { name: wallTitle }).click();
    await page.waitForURL((url) => url.pathname.endsWith(wallId));
    await page.getByTestId('wall-live').filter({ hasText: wallFr.page.live }).waitFor();
    const teacher = await signedIn(server, 'claire.fontaine');
    const wallSocket = await joinWall(server, teacher, wallId);
    await postCard(wallSocket, wallId, { title: 'Le printemps' });
    await page.getByTestId('wall-card').filter({ has: page.getByRole('heading', { name: 'Le printemps' }) }).waitFor({ timeout: LIVE_MS });
    wallSocket.close();
    expect({ sessions: socketIo.sessions(), webSockets: socketIo.webSockets(), open: socketIo.open() }, 'on the wall').toEqual({ sessions: 1, webSockets: 1, open: 1 });

    // Back to the dashboard through the menu, then the chat room: the same tab, the same connection.
    await page.getByRole('navigation', { name: fr.a11y.mainNavigation }).getByRole('link', { name: fr.nav.dashboard }).click();
    await page.getByTestId('space-card').getByRole('link', { name: roomTitle }).click();
    await page.waitForURL((url) => url.pathname.endsWith(roomId));
    await page.getByRole('textbox', { name: eitherVoice(chatFr.composer.label, chatFr.composer.label_pupil) }).waitFor();
    await page.getByTestId('chat-live').filter({ hasText: chatFr.connection.online }).waitFor();
    const { socket: chatSocket } = await inRoom(server, teacher, roomId);
    await send(chatSocket, roomId, 'Il pleut sur la cour');
    await page.getByTestId('chat-message').filter({ hasText: 'Il pleut sur la cour' }).waitFor({ timeout: LIVE_MS });
    chatSocket.close();

    // Leaving the wall left its room, on the same connection.
    expect(socketIo.sent.some((frame) => frame.includes('"space:leave"') && frame.includes(wallId))).toBe(true);
    expect({ sessions: socketIo.sessions(), webSockets: socketIo.webSockets(), open: socketIo.open() }, 'on the chat').toEqual({ sessions: 1, webSockets: 1, open: 1 });
    errors.assertNone('while moving from the wall to the chat');
  });
});
