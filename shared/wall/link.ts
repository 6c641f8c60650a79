import { WALL_LINK_MAX } from './limits';

/** A scheme written before the address (`https:`, `javascript:`, `data:`…). */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/**
 * A bare domain as people type it (« oiseaux.net », « www.lpo.fr/oiseaux?page=2 »): labels of letters, digits and
 * inner hyphens, a last label of two letters or more (so no IP address, no « localhost »), an optional port and
 * path. Spaces and anything else are not a domain.
 */
const BARE_DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}(?::\d{1,5})?(?:[/?#][^\s]*)?$/u;

/**
 * The link a card keeps for what the user typed: an http(s) address as it is, a bare domain as https, anything
 * else (another scheme such as javascript: or data:, a word, an IP address) null. Shared by the card schema (the
 * server) and the editor (the client), so both accept and refuse the same addresses.
 */
export function normalizeLink(typed: string): string | null {
  const value = typed.trim();
  if (value === '' || /\s/.test(value)) return null;
  const candidate = BARE_DOMAIN.test(value) ? `https://${value}` : SCHEME.test(value) ? value : null;
  if (candidate === null || candidate.length > WALL_LINK_MAX) return null;
  try {
    const url = new URL(candidate);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0 ? candidate : null;
  } catch {
    return null;
  }
}
