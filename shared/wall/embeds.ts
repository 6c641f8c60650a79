/**
 * Embeds from a whitelist: from a link a pupil or a teacher typed on a card, which provider may show it in a
 * sandboxed frame, and the frame's address, rebuilt from an id checked against a strict pattern (nothing typed
 * reaches the frame's `src` as it is). The CSP's `frame-src` is built from the same table (`embedFrameSources`),
 * so what the client frames and what the browser allows cannot drift apart. Any other link stays a plain link
 * card; the server never fetches a link.
 */

/** The providers whose players and exercises a card may show in a frame. */
export type EmbedProvider = 'youtube' | 'vimeo' | 'peertube' | 'learningapps' | 'digipad';

/** A link that a card shows in a frame: its provider, the frame's address and the host it is served from. */
export interface FrameEmbed {
  kind: 'frame';
  provider: EmbedProvider;
  src: string;
  /** The host of `src`, one of `embedFrameSources`. */
  frameHost: string;
}

/** A link to a wall of this Préau: shown as an internal link card that opens the wall (never framed). */
export interface WallEmbed {
  kind: 'wall';
  spaceId: string;
}

export type Embed = FrameEmbed | WallEmbed;

/** What decides an embed besides the link: the PeerTube hosts the school allows, and this Préau's origin. */
export interface EmbedOptions {
  peertubeHosts: readonly string[];
  /** This Préau's origin (`https://preau.example.fr`), to recognise links to its own walls; unset: none. */
  preauOrigin?: string | undefined;
}

/** The hosts the frames of the fixed providers come from (PeerTube's are the school's, from configuration). */
export const EMBED_FIXED_FRAME_HOSTS = ['www.youtube-nocookie.com', 'player.vimeo.com', 'learningapps.org', 'digipad.app'] as const;

/** A host name as configured (PEERTUBE_HOSTS): lower-case labels, a last label of letters; no port, no path. */
export const EMBED_HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The CSP `frame-src` sources: the fixed providers' frame hosts and each allowed PeerTube host, https only. */
export function embedFrameSources(peertubeHosts: readonly string[]): string[] {
  const hosts = [...EMBED_FIXED_FRAME_HOSTS, ...peertubeHosts.filter((host) => EMBED_HOST_PATTERN.test(host))];
  return [...new Set(hosts)].map((host) => `https://${host}`);
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;
const VIMEO_HASH = /^[0-9a-f]{6,20}$/;
// PeerTube: a v4 UUID (/videos/watch/…) or its short form in base 58 (/w/…).
const PEERTUBE_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[1-9A-HJ-NP-Za-km-z]{20,24})$/;
const LEARNINGAPPS_NUMBER = /^\d{1,10}$/;
const LEARNINGAPPS_CODE = /^[a-z0-9]{6,20}$/;
const DIGIPAD_ID = /^\d{1,12}$/;
const DIGIPAD_HASH = /^[A-Za-z0-9]{6,40}$/;
const SPACE_ID = /^[A-Za-z0-9_-]{1,64}$/;
// A start time: seconds (« 90 », « 90s ») or hours, minutes and seconds (« 1h2m3s », « 1m30s »).
const START_TIME = /^(?:(\d{1,2})h)?(?:(\d{1,3})m)?(?:(\d{1,5})s?)?$/;

const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtube-nocookie.com', 'www.youtube-nocookie.com']);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com', 'player.vimeo.com']);
const LEARNINGAPPS_HOSTS = new Set(['learningapps.org', 'www.learningapps.org']);
const DIGIPAD_HOSTS = new Set(['digipad.app', 'www.digipad.app']);

/** A start time in whole seconds, or null when absent, zero or not a time. */
function startSeconds(value: string | null): number | null {
  if (value === null || value === '') return null;
  const match = START_TIME.exec(value);
  if (!match) return null;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  const total = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  return total > 0 ? total : null;
}

const segmentsOf = (url: URL): string[] => url.pathname.split('/').filter((segment) => segment !== '');

function youtube(url: URL): FrameEmbed | null {
  const segments = segmentsOf(url);
  let id: string | null | undefined;
  if (url.hostname === 'youtu.be') id = segments.length === 1 ? segments[0] : null;
  else if (!YOUTUBE_HOSTS.has(url.hostname)) return null;
  else if (segments.length === 1 && segments[0] === 'watch') id = url.searchParams.get('v');
  else if (segments.length === 2 && ['shorts', 'embed', 'live'].includes(segments[0]!)) id = segments[1];
  if (!id || !YOUTUBE_ID.test(id)) return null;
  const start = startSeconds(url.searchParams.get('t') ?? url.searchParams.get('start'));
  const src = `https://www.youtube-nocookie.com/embed/${id}${start ? `?start=${start}` : ''}`;
  return { kind: 'frame', provider: 'youtube', src, frameHost: 'www.youtube-nocookie.com' };
}

function vimeo(url: URL): FrameEmbed | null {
  if (!VIMEO_HOSTS.has(url.hostname)) return null;
  const segments = segmentsOf(url);
  let id: string | undefined;
  let hash: string | null = url.searchParams.get('h');
  if (url.hostname === 'player.vimeo.com') id = segments.length === 2 && segments[0] === 'video' ? segments[1] : undefined;
  else if (segments.length === 1) id = segments[0];
  else if (segments.length === 2 && VIMEO_ID.test(segments[0]!)) [id, hash] = [segments[0], segments[1]!];
  else if (segments.length === 3 && segments[0] === 'channels') id = segments[2];
  if (!id || !VIMEO_ID.test(id)) return null;
  // An unlisted video's key: kept only when it is one, otherwise the link is no embed.
  if (hash !== null && !VIMEO_HASH.test(hash)) return null;
  const src = `https://player.vimeo.com/video/${id}${hash ? `?h=${hash}` : ''}`;
  return { kind: 'frame', provider: 'vimeo', src, frameHost: 'player.vimeo.com' };
}

function peertube(url: URL, hosts: readonly string[]): FrameEmbed | null {
  if (!hosts.includes(url.hostname) || !EMBED_HOST_PATTERN.test(url.hostname) || url.port !== '') return null;
  const segments = segmentsOf(url);
  let id: string | undefined;
  if (segments.length === 2 && segments[0] === 'w') id = segments[1];
  else if (segments.length === 3 && segments[0] === 'videos' && (segments[1] === 'watch' || segments[1] === 'embed')) id = segments[2];
  if (!id || !PEERTUBE_ID.test(id)) return null;
  const start = startSeconds(url.searchParams.get('start') ?? url.searchParams.get('t'));
  const src = `https://${url.hostname}/videos/embed/${id}${start ? `?start=${start}s` : ''}`;
  return { kind: 'frame', provider: 'peertube', src, frameHost: url.hostname };
}

function learningApps(url: URL): FrameEmbed | null {
  if (!LEARNINGAPPS_HOSTS.has(url.hostname)) return null;
  const segments = segmentsOf(url);
  let query: string | null = null;
  if (segments.length === 1 && LEARNINGAPPS_NUMBER.test(segments[0]!)) query = `app=${segments[0]}`;
  else if (segments.length === 1 && (segments[0] === 'watch' || segments[0] === 'display' || segments[0] === 'view')) {
    const app = url.searchParams.get('app');
    const code = url.searchParams.get('v');
    if (app !== null) query = LEARNINGAPPS_NUMBER.test(app) ? `app=${app}` : null;
    else if (code !== null) query = LEARNINGAPPS_CODE.test(code) ? `v=${code}` : null;
  }
  if (query === null) return null;
  return { kind: 'frame', provider: 'learningapps', src: `https://learningapps.org/watch?${query}`, frameHost: 'learningapps.org' };
}

function digipad(url: URL): FrameEmbed | null {
  if (!DIGIPAD_HOSTS.has(url.hostname)) return null;
  const [prefix, id, hash, ...rest] = segmentsOf(url);
  if (prefix !== 'p' || rest.length > 0 || !id || !hash || !DIGIPAD_ID.test(id) || !DIGIPAD_HASH.test(hash)) return null;
  return { kind: 'frame', provider: 'digipad', src: `https://digipad.app/p/${id}/${hash}`, frameHost: 'digipad.app' };
}

/** A link to one of this Préau's walls (`/murs/<id>`, or its print view), on this Préau's own origin only. */
function preauWall(url: URL, origin: string | undefined): WallEmbed | null {
  if (origin === undefined || url.origin !== origin) return null;
  const segments = segmentsOf(url);
  if (segments[0] !== 'murs' || segments.length < 2 || segments.length > 3) return null;
  if (segments.length === 3 && segments[2] !== 'impression') return null;
  const spaceId = segments[1]!;
  return SPACE_ID.test(spaceId) ? { kind: 'wall', spaceId } : null;
}

/**
 * The embed a card's link stands for, or null when it stays a plain link card. An http link is framed over https
 * (the frame's address is rebuilt, never the typed one); a user name, password or port makes a plain link; hosts
 * are compared whole, so `youtube.com.evil.fr` and `evil.fr/?u=youtube.com` are plain links.
 */
export function embedOf(link: string, options: EmbedOptions): Embed | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const wall = preauWall(url, options.preauOrigin);
  if (wall) return wall;
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '' || url.port !== '') return null;
  return youtube(url) ?? vimeo(url) ?? peertube(url, options.peertubeHosts) ?? learningApps(url) ?? digipad(url);
}

/**
 * Reads PEERTUBE_HOSTS (a comma list such as « tube.ac-lyon.fr, peertube.fr »): the host names, lower-cased, or
 * the first entry that is not a host name (a scheme, a path, a port, a wildcard are refused).
 */
export function parseEmbedHosts(value: string): { ok: true; hosts: string[] } | { ok: false; bad: string } {
  const hosts: string[] = [];
  for (const item of value.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean)) {
    if (!EMBED_HOST_PATTERN.test(item)) return { ok: false, bad: item };
    if (!hosts.includes(item)) hosts.push(item);
  }
  return { ok: true, hosts };
}
