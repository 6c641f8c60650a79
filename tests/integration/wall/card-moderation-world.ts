import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import { CSRF_HEADER } from '../../../shared/identity/api';
import type { ModeratedItemView, ModerationAction } from '../../../shared/moderation/types';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { ask, createWall, joinWall, must, type AckAnswer } from './support';

/** One class wall where a pupil posts, a classmate reads, and a teacher moderates from the wall and the console. */
export interface CardModerationWall {
  server: TestServer;
  world: PersonaWorld;
  classmateBrowser: Browser;
  spaceId: string;
  teacher: Socket;
  author: Socket;
  classmate: Socket;
  console_: Socket;
  /** The teacher's moderation action on a card (reason « insulte »). */
  act: (itemId: string, action: ModerationAction, version: number) => Promise<AckAnswer<{ item: ModeratedItemView }>>;
  /** A file of the wall, as its route serves it. */
  fileUrl: (blobId: string) => string;
}

/**
 * The world of the tests that hold a kind of card (a sound, a video, a drawing, an embed) to moderation like a text
 * card: started before the `describe`'s tests, its sockets closed and its server stopped after. Read its fields
 * inside tests only (they exist once `beforeAll` ran).
 */
export function useCardModerationWall(options: { env?: Record<string, string>; joinConsole?: boolean } = {}): CardModerationWall {
  const wall = {} as CardModerationWall;
  const sockets: Socket[] = [];
  wall.act = (itemId, action, version) =>
    ask<{ item: ModeratedItemView }>(wall.teacher, 'moderation:act', { kind: 'wallCard', itemId, spaceId: wall.spaceId, action, reasonCode: 'insulte', version });
  wall.fileUrl = (blobId) => `/api/walls/${wall.spaceId}/files/${blobId}`;
  beforeAll(async () => {
    wall.server = await startServer(options.env ? { env: options.env } : undefined);
    wall.world = await personaWorld(wall.server);
    wall.classmateBrowser = await signedIn(wall.server, 'chloe.nguyen');
    wall.spaceId = (await createWall(wall.world.browsers.teacher, wall.world.classId)).id;
    wall.teacher = await joinWall(wall.server, wall.world.browsers.teacher, wall.spaceId);
    wall.author = await joinWall(wall.server, wall.world.browsers.pupil, wall.spaceId);
    wall.classmate = await joinWall(wall.server, wall.classmateBrowser, wall.spaceId);
    wall.console_ = await openSocket(wall.server, wall.world.browsers.teacher);
    sockets.push(wall.teacher, wall.author, wall.classmate, wall.console_);
    if (options.joinConsole !== false) await must(wall.console_, 'moderation:join', { scope: { kind: 'class', classId: wall.world.classId } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await wall.server?.stop();
    wall.server?.cleanup();
  });
  return wall;
}

/** Sends a file to an upload route as multipart/form-data, as the browser does, with the browser's type if given. */
export async function postFile(browser: Browser, path: string, data: Buffer, name: string, type?: string): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], type ? { type } : {}), name);
  const res = await fetch(new URL(path, browser.baseUrl), {
    method: 'POST',
    body: form,
    headers: { Origin: browser.baseUrl, Cookie: browser.cookieHeader, ...(browser.csrfToken ? { [CSRF_HEADER]: browser.csrfToken } : {}) },
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}
