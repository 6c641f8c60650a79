import type { IncomingMessage } from 'node:http';

/** Parses the Cookie header; malformed pairs are skipped, never thrown. */
export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  const header = req.headers.cookie;
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      if (name && !cookies.has(name)) cookies.set(name, decodeURIComponent(value));
    } catch {
      // A malformed escape: ignore this cookie only.
    }
  }
  return cookies;
}
