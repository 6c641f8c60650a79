import { request } from 'node:http';
import type { Socket } from 'socket.io-client';
import { CSRF_HEADER } from '../../../shared/identity/api';
import type { Browser } from '../../helpers/http';
import { describe, expect, it } from 'vitest';
import { usePersonaWorld } from '../../helpers/personas';
import type { TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { inRoom, newRoom } from '../chat/support';
import { following, newForum } from '../forum/support';
import { createWall, joinWall, postCard } from '../wall/support';

/** How deep the attack nests its JSON (the issue saw INTERNAL and an error stack from 100k levels). */
const LEVELS = 100_000;
/** Arrays nested LEVELS deep: 200 KB of JSON, under the 1 MB Socket.IO payload limit. */
const DEEP = '['.repeat(LEVELS) + ']'.repeat(LEVELS);
/** A rich-text body whose content is nested LEVELS deep. */
const DEEP_BODY = `{"type":"doc","content":${DEEP}}`;

type RawAck = { ok: boolean; code?: string; message?: string };

let nextAckId = 900_000;
/**
 * Emits an event whose payload is raw JSON text, as a hostile client writes it on the wire (socket.io-client could
 * not even serialise such a payload: it walks it recursively), and resolves with the ack.
 */
function rawEmit(socket: Socket, event: string, payloadJson: string): Promise<RawAck> {
  const id = nextAckId++;
  const engine = socket.io.engine;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      engine.off('message', onMessage);
      reject(new Error(`no ack for ${event} within 15 s`));
    }, 15_000);
    const onMessage = (data: unknown) => {
      const prefix = `3${id}[`;
      if (typeof data !== 'string' || !data.startsWith(prefix)) return;
      clearTimeout(timer);
      engine.off('message', onMessage);
      resolve((JSON.parse(data.slice(prefix.length - 1)) as RawAck[])[0]!);
    };
    engine.on('message', onMessage);
    engine.write(`2${id}[${JSON.stringify(event)},${payloadJson}]`);
  });
}

/** Sends a raw JSON text body as this browser (its cookie and CSRF token): the test never parses or builds it. */
function rawSend(browser: Browser, method: string, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, browser.baseUrl), {
      method,
      headers: { Origin: browser.baseUrl, 'Content-Type': 'application/json', Cookie: browser.cookieHeader, [CSRF_HEADER]: browser.csrfToken ?? '' },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Error-level lines the server logged so far (pino level 50 and above). */
const errorLines = (server: TestServer) => server.output().split('\n').filter((line) => /"level":(50|60)/.test(line));

describe('deeply nested input is a clean validation error on every channel (issue 12)', () => {
  const { server, world } = usePersonaWorld();


  /** Runs an attack and checks the answer is VALIDATION, nothing was logged as an error, and the server still answers. */
  async function refusedCleanly(attack: () => Promise<RawAck>): Promise<void> {
    const errorsBefore = errorLines(server()).length;
    const answer = await attack();
    expect(answer).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(answer.message ?? '').not.toMatch(/stack|RangeError/i);
    expect(errorLines(server()).slice(errorsBefore)).toEqual([]);
    expect((await world().browsers.teacher.get('/api/me')).status).toBe(200);
  }

  it('a wall card nested 100,000 deep: created or edited, or as a moderator’s correction', async () => {
    const wall = await createWall(world().browsers.teacher, world().classId);
    const pupil = await joinWall(server(), world().browsers.pupil, wall.id);
    await refusedCleanly(() => rawEmit(pupil, 'wall:card:create', `{"spaceId":${JSON.stringify(wall.id)},"title":"Profond","body":${DEEP_BODY}}`));
    const { card } = await postCard(pupil, wall.id);
    await refusedCleanly(() =>
      rawEmit(pupil, 'wall:card:edit', `{"spaceId":${JSON.stringify(wall.id)},"cardId":${JSON.stringify(card.id)},"version":${card.version},"changes":{"body":${DEEP_BODY}}}`),
    );
    const teacher = await openSocket(server(), world().browsers.teacher);
    await refusedCleanly(() =>
      rawEmit(
        teacher,
        'moderation:act',
        `{"kind":"card","itemId":${JSON.stringify(card.id)},"spaceId":${JSON.stringify(wall.id)},"action":"edit","reasonCode":"autre","version":${card.version},"content":{"body":${DEEP_BODY}}}`,
      ),
    );
    pupil.close();
    teacher.close();
  });

  it('a forum topic, reply or edit nested 100,000 deep', async () => {
    const forumId = await newForum(world().browsers.teacher, world().classId);
    const pupil = await following(server(), world().browsers.pupil, forumId);
    const key = () => JSON.stringify(crypto.randomUUID());
    await refusedCleanly(() => rawEmit(pupil, 'forum:createTopic', `{"forumId":${JSON.stringify(forumId)},"key":${key()},"title":"Profond","body":${DEEP_BODY}}`));
    await refusedCleanly(() => rawEmit(pupil, 'forum:reply', `{"forumId":${JSON.stringify(forumId)},"topicId":"t1","key":${key()},"body":${DEEP_BODY}}`));
    pupil.close();
  });

  it('a chat message nested 100,000 deep', async () => {
    const roomId = await newRoom(world().browsers.teacher, world().classId);
    const { socket } = await inRoom(server(), world().browsers.pupil, roomId);
    await refusedCleanly(() => rawEmit(socket, 'chat:send', `{"roomId":${JSON.stringify(roomId)},"key":${JSON.stringify(crypto.randomUUID())},"body":${DEEP}}`));
    socket.close();
  });

  it('any REST body nested 100,000 deep (400, no error logged)', async () => {
    const errorsBefore = errorLines(server()).length;
    const bodies: Array<[string, string, string]> = [
      ['POST', '/api/spaces', `{"kind":"wall","title":"Profond","scope":{"kind":"class","classId":${JSON.stringify(world().classId)}},"settings":{"deep":${DEEP}}}`],
      ['POST', '/api/me/compromise', `{"details":${DEEP}}`],
    ];
    for (const [method, path, body] of bodies) {
      expect(await rawSend(world().browsers.teacher, method, path, body), `${method} ${path}`).toBe(400);
    }
    expect(errorLines(server()).slice(errorsBefore)).toEqual([]);
  });
});
