import { isIPv4, isIPv6 } from 'node:net';

/** The longest textual IP address (an IPv6 address ending in an IPv4 one). */
export const IP_MAX_LENGTH = 45;

/**
 * A well-formed IP address in its plain form, or null: IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`, how Node
 * reports IPv4 clients on a dual-stack socket) become IPv4, a zone index is dropped, and anything else (a
 * hostname, a port, free text a client put in a header) is refused.
 */
export function normalizeIp(value: string | undefined | null): string | null {
  if (!value) return null;
  let ip = value.trim();
  if (ip.length === 0 || ip.length > IP_MAX_LENGTH + 16) return null;
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  if (isIPv6(ip) && ip.length <= IP_MAX_LENGTH) return ip.toLowerCase();
  return null;
}

/**
 * The client's IP address, as Express computes it with `trust proxy` set to a hop count: the address list is the
 * socket's peer followed by `X-Forwarded-For` read from the right; the first `hops` entries are our own proxies,
 * and the next one is the client as the outermost trusted proxy saw it. Entries further left were written by the
 * client and are never read. With `hops = 0` the header is ignored. Should a trusted proxy hand over something
 * that is not an IP address, the nearest trusted address is used instead: a client never chooses its own key.
 */
export function clientIpOf(peer: string | undefined | null, forwardedFor: string | string[] | undefined, hops: number): string | null {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  // Only the rightmost `hops` entries can matter; a huge header is not split whole.
  const forwarded = hops > 0 && header ? rightmost(header, hops) : [];
  const chain = [peer ?? '', ...forwarded];
  for (let index = Math.min(hops, chain.length - 1); index >= 0; index -= 1) {
    const ip = normalizeIp(chain[index]);
    if (ip) return ip;
  }
  return null;
}

/** The last `count` comma-separated entries of a header, rightmost first. */
function rightmost(header: string, count: number): string[] {
  const entries: string[] = [];
  let end = header.length;
  while (entries.length < count && end > 0) {
    const comma = header.lastIndexOf(',', end - 1);
    entries.push(header.slice(comma + 1, end).trim());
    end = comma < 0 ? 0 : comma;
  }
  return entries;
}

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(ip: string): number[] {
  let text = ip;
  const tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, -v4[1]!.length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = [...(rest === undefined ? [] : parse(rest)), ...tail];
  const missing = 8 - left.length - right.length;
  return rest === undefined ? [...left, ...tail] : [...left, ...Array<number>(Math.max(0, missing)).fill(0), ...right];
}

/**
 * The network an address belongs to, for limits that must not be dodged by moving to the next address: the
 * address itself for IPv4 (a school or a home is one public address), its /64 for IPv6 (one household or school
 * holds a whole /64). `wide` gives the /24 of an IPv4 address instead (neighbouring addresses of one provider).
 */
export function networkOf(ip: string, options: { wide?: boolean } = {}): string {
  if (isIPv4(ip)) {
    if (!options.wide) return ip;
    return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
  }
  if (isIPv6(ip)) {
    return `${ipv6Groups(ip)
      .slice(0, 4)
      .map((group) => group.toString(16))
      .join(':')}::/64`;
  }
  return 'unknown';
}
