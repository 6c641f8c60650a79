/**
 * Embeds: the CSP's frame-src lists exactly the whitelisted hosts (the fixed providers and the configured PeerTube
 * hosts) on the client's pages and on API answers; a card with an embeddable link is moderated like any card
 * (hidden: its link gone for classmates; the console shows it; deleted: the evidence keeps it; restored).
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModeratedItemView, ModerationAction } from '../../../shared/moderation/types';
import type { WallCard } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { ask, createWall, fullSync, joinWall, must, nextEvent, postCard } from './support';

const VIDEO = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const EXPECTED_FRAME_SRC = [
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
  'https://learningapps.org',
  'https://digipad.app',
  'https://tube.ac-lyon.fr',
  'https://peertube.example.org',
];

/** The sources of one CSP directive, or null when the header lacks it. */
function directive(csp: string, name: string): string[] | null {
  const found = csp
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return found ? found.slice(1) : null;
}

describe('embeds: frame-src and moderation', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let classmateBrowser: Browser;
  let spaceId: string;
  const sockets: Socket[] = [];
  let teacher: Socket, author: Socket, classmate: Socket, console_: Socket;

  const act = (itemId: string, action: ModerationAction, version: number) =>
    ask<{ item: ModeratedItemView }>(teacher, 'moderation:act', { kind: 'wallCard', itemId, spaceId, action, reasonCode: 'insulte', version });

  beforeAll(async () => {
    server = await startServer({ env: { PEERTUBE_HOSTS: 'tube.ac-lyon.fr, PeerTube.example.org' } });
    world = await personaWorld(server);
    classmateBrowser = await signedIn(server, 'chloe.nguyen');
    spaceId = (await createWall(world.browsers.teacher, world.classId)).id;
    teacher = await joinWall(server, world.browsers.teacher, spaceId);
    author = await joinWall(server, world.browsers.pupil, spaceId);
    classmate = await joinWall(server, classmateBrowser, spaceId);
    console_ = await openSocket(server, world.browsers.teacher);
    sockets.push(teacher, author, classmate, console_);
    await must(console_, 'moderation:join', { scope: { kind: 'class', classId: world.classId } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('lists exactly the whitelisted hosts in frame-src, on the client page and on an API answer; nobody frames Préau', async () => {
    for (const path of ['/', '/murs', '/api/meta']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(directive(csp, 'frame-src'), path).toEqual(EXPECTED_FRAME_SRC);
      expect(directive(csp, 'frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp).not.toMatch(/frame-src[^;]*\*/);
    }
    // The client learns the PeerTube hosts from /api/meta (the same list the CSP already shows every visitor).
    const meta = await fetch(`${server.url}/api/meta`);
    expect(((await meta.json()) as { peertubeHosts: string[] }).peertubeHosts).toEqual(['tube.ac-lyon.fr', 'peertube.example.org']);
  });

  it('an embed card is hidden (its link gone for a classmate, shown in the console), restored, deleted with its link kept as evidence', async () => {
    const streamed = nextEvent<ModeratedItemView>(console_, 'moderation:item', (item) => item.kind === 'wallCard' && item.excerpt.startsWith('Notre chanson'));
    const seen = nextEvent<WallCard>(classmate, 'wall:card', (card) => card.title === 'Notre chanson');
    const { card } = await postCard(author, spaceId, { title: 'Notre chanson', link: VIDEO });
    expect(card.link).toEqual({ url: VIDEO, domain: 'youtube.com' });
    expect((await seen).link?.url).toBe(VIDEO);
    // The console shows the link (and the client names its provider from it).
    expect((await streamed).display.link).toEqual({ url: VIDEO, domain: 'youtube.com' });

    const gone = nextEvent<{ cardId: string }>(classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await act(card.id, 'hide', 1)).toMatchObject({ ok: true, data: { item: { state: 'hidden', display: { link: { url: VIDEO } } } } });
    await gone;
    expect(JSON.stringify(await fullSync(classmate, spaceId))).not.toContain('dQw4w9WgXcQ');
    const print = await classmateBrowser.get<unknown>(`/api/walls/${spaceId}/print`);
    expect(JSON.stringify(print.body)).not.toContain('dQw4w9WgXcQ');
    const review = await must<{ pending: ModeratedItemView[] }>(console_, 'moderation:join', { scope: { kind: 'space', spaceId } });
    expect(review.pending.find((item) => item.id === card.id)).toMatchObject({ state: 'hidden', display: { link: { url: VIDEO } } });

    const back = nextEvent<WallCard>(classmate, 'wall:card', (update) => update.id === card.id);
    expect(await act(card.id, 'restore', 2)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    expect((await back).link?.url).toBe(VIDEO);

    const deleted = nextEvent<{ cardId: string }>(classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await ask(teacher, 'wall:card:delete', { spaceId, cardId: card.id, reasonCode: 'insulte' })).toMatchObject({ ok: true });
    await deleted;
    expect(JSON.stringify(await fullSync(classmate, spaceId))).not.toContain('dQw4w9WgXcQ');
    const evidence = await world.browsers.teacher.get<{ itemId: string; original: { link: { url: string } | null } }[]>(`/api/spaces/${spaceId}/evidence?itemId=${card.id}`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.map((item) => item.original.link?.url)).toContain(VIDEO);
  });
});
