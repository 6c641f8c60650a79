/** Helpers of the wall's integration tests: a CE2 wall, joined sockets, acks and awaited broadcasts. */
import { request as httpRequest } from 'node:http';
import type { Socket } from 'socket.io-client';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { WallSettings } from '../../../shared/wall/settings';
import type { WallCard, WallSyncResult } from '../../../shared/wall/types';
import { CSRF_HEADER } from '../../../shared/identity/api';
import type { Browser } from '../../helpers/http';
import type { TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import type { Persona, PersonaWorld } from '../../helpers/personas';
import { expect } from 'vitest';

export type AckAnswer<T = unknown> = { ok: true; data: T } | { ok: false; code: string; message: string; issues?: { path: string; message: string }[] };

/** Emits an event and resolves with its ack. */
export async function ask<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<AckAnswer<T>> {
  return (await socket.timeout(10_000).emitWithAck(event, payload)) as AckAnswer<T>;
}

/** Emits and expects success; returns the data. */
export async function must<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const answer = await ask<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event} failed: ${answer.code} ${answer.message}`);
  return answer.data;
}

/** The teacher creates a wall of the class (columns by default, two sections). */
export async function createWall(teacher: Browser, classId: string, settings: Partial<WallSettings> = {}, extra: Record<string, unknown> = {}): Promise<SpaceSummary> {
  const answer = await teacher.post<SpaceSummary>('/api/spaces', {
    kind: 'wall',
    title: 'Mur de la classe',
    scope: { kind: 'class', classId },
    settings: { layout: 'columns', sections: [{ id: 'idees', title: 'Idées', order: 0 }, { id: 'questions', title: 'Questions', order: 1 }], ...settings },
    ...extra,
  });
  if (answer.status !== 201) throw new Error(`wall creation failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Changes a wall's settings (the teacher's PATCH, applied live), from the version it reads first. */
export async function patchWall(teacher: Browser, spaceId: string, body: Record<string, unknown>): Promise<SpaceSummary> {
  const { version } = (await teacher.get<SpaceSummary>(`/api/spaces/${spaceId}`)).body;
  const answer = await teacher.send<SpaceSummary>('PATCH', `/api/spaces/${spaceId}`, { version, ...body });
  if (answer.status !== 200) throw new Error(`wall update failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A socket of this browser, in the wall's room. */
export async function joinWall(server: TestServer, browser: Browser, spaceId: string, transport: 'websocket' | 'polling' = 'websocket'): Promise<Socket> {
  const socket = await openSocket(server, browser, { transport });
  await must(socket, 'space:join', { spaceId });
  return socket;
}

export { collect as record, nextEvent } from '../../helpers/sockets';

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A text body in the editor's JSON. */
export const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

/** Creates a card and returns it. */
export function postCard(socket: Socket, spaceId: string, fields: Record<string, unknown> = {}): Promise<{ card: WallCard }> {
  return must<{ card: WallCard }>(socket, 'wall:card:create', { spaceId, title: 'Une carte', body: doc('Bonjour'), ...fields });
}

export function fullSync(socket: Socket, spaceId: string): Promise<WallSyncResult> {
  return must<WallSyncResult>(socket, 'wall:sync', { spaceId, sinceSeq: 0 });
}

/** Uploads a file as multipart/form-data, with the browser's cookies and CSRF token. */
export function upload(browser: Browser, spaceId: string, data: Buffer, filename: string, contentType = 'application/octet-stream'): Promise<{ status: number; body: unknown }> {
  const boundary = `----preau${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, data, tail]);
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(`/api/walls/${spaceId}/files`, browser.baseUrl), {
      method: 'POST',
      headers: {
        Origin: browser.baseUrl,
        Cookie: browser.cookieHeader,
        ...(browser.csrfToken ? { [CSRF_HEADER]: browser.csrfToken } : {}),
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(body.length),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Downloads a path with the browser's cookies, as bytes, with the headers. */
export function download(browser: Browser, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; data: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, browser.baseUrl), { headers: { Cookie: browser.cookieHeader } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, data: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** How many denials the school's log holds (read by the director). */
export async function deniedCount(director: Browser): Promise<number> {
  return (await director.get<{ total: number }>('/api/audit?event=access.denied&pageSize=1')).body.total;
}

/** The latest audit entries of one event (read by the director). */
export async function auditEntries(director: Browser, event: string): Promise<{ event: string; reason: string | null; target: { id: string | null }; actor: { userId: string | null }; status: string }[]> {
  return (await director.get<{ items: { event: string; reason: string | null; target: { id: string | null }; actor: { userId: string | null }; status: string }[] }>(`/api/audit?event=${event}&pageSize=50`)).body.items;
}

/** The newest denial of this persona names the exact question the edge asked (and the event, for sockets). */
export async function expectDenial(world: PersonaWorld, persona: Persona, reason: string): Promise<void> {
  const denials = (await auditEntries(world.browsers.director, 'access.denied')).filter((entry) => entry.actor.userId === world.ids[persona]);
  expect(denials[0]?.reason, persona).toBe(reason);
}
