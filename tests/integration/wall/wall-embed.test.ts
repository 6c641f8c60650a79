/**
 * Embeds: the CSP's frame-src lists exactly the whitelisted hosts (the fixed providers and the configured PeerTube
 * hosts) on the client's pages and on API answers; a card with an embeddable link is moderated like any card
 * (hidden: its link gone for classmates; the console shows it; deleted: the evidence keeps it; restored).
 */
import { describe, expect, it } from 'vitest';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import type { WallCard } from '../../../shared/wall/types';
import { ask, fullSync, must, nextEvent, postCard } from './support';
import { useCardModerationWall } from './card-moderation-world';

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
  const wall = useCardModerationWall({ env: { PEERTUBE_HOSTS: 'tube.ac-lyon.fr, PeerTube.example.org' } });

  it('lists exactly the whitelisted hosts in frame-src, on the client page and on an API answer; nobody frames Préau', async () => {
    for (const path of ['/', '/murs', '/api/meta']) {
      const res = await fetch(`${wall.server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(directive(csp, 'frame-src'), path).toEqual(EXPECTED_FRAME_SRC);
      expect(directive(csp, 'frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp).not.toMatch(/frame-src[^;]*\*/);
    }
    // The client learns the PeerTube hosts from /api/meta (the same list the CSP already shows every visitor).
    const meta = await fetch(`${wall.server.url}/api/meta`);
    expect(((await meta.json()) as { peertubeHosts: string[] }).peertubeHosts).toEqual(['tube.ac-lyon.fr', 'peertube.example.org']);
  });

  it('an embed card is hidden (its link gone for a classmate, shown in the console), restored, deleted with its link kept as evidence', async () => {
    const streamed = nextEvent<ModeratedItemView>(wall.console_, 'moderation:item', (item) => item.kind === 'wallCard' && item.excerpt.startsWith('Notre chanson'));
    const seen = nextEvent<WallCard>(wall.classmate, 'wall:card', (card) => card.title === 'Notre chanson');
    const { card } = await postCard(wall.author, wall.spaceId, { title: 'Notre chanson', link: VIDEO });
    expect(card.link).toEqual({ url: VIDEO, domain: 'youtube.com' });
    expect((await seen).link?.url).toBe(VIDEO);
    // The console shows the link (and the client names its provider from it).
    expect((await streamed).display.link).toEqual({ url: VIDEO, domain: 'youtube.com' });

    const gone = nextEvent<{ cardId: string }>(wall.classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await wall.act(card.id, 'hide', 1)).toMatchObject({ ok: true, data: { item: { state: 'hidden', display: { link: { url: VIDEO } } } } });
    await gone;
    expect(JSON.stringify(await fullSync(wall.classmate, wall.spaceId))).not.toContain('dQw4w9WgXcQ');
    const print = await wall.classmateBrowser.get<unknown>(`/api/walls/${wall.spaceId}/print`);
    expect(JSON.stringify(print.body)).not.toContain('dQw4w9WgXcQ');
    const review = await must<{ pending: ModeratedItemView[] }>(wall.console_, 'moderation:join', { scope: { kind: 'space', spaceId: wall.spaceId } });
    expect(review.pending.find((item) => item.id === card.id)).toMatchObject({ state: 'hidden', display: { link: { url: VIDEO } } });

    const back = nextEvent<WallCard>(wall.classmate, 'wall:card', (update) => update.id === card.id);
    expect(await wall.act(card.id, 'restore', 2)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    expect((await back).link?.url).toBe(VIDEO);

    const deleted = nextEvent<{ cardId: string }>(wall.classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await ask(wall.teacher, 'wall:card:delete', { spaceId: wall.spaceId, cardId: card.id, reasonCode: 'insulte' })).toMatchObject({ ok: true });
    await deleted;
    expect(JSON.stringify(await fullSync(wall.classmate, wall.spaceId))).not.toContain('dQw4w9WgXcQ');
    const evidence = await wall.world.browsers.teacher.get<{ itemId: string; original: { link: { url: string } | null } }[]>(`/api/spaces/${wall.spaceId}/evidence?itemId=${card.id}`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.map((item) => item.original.link?.url)).toContain(VIDEO);
  });
});
