/**
 * What a read of the log looked at, from the `reason` the server writes on `audit.read` and `audit.exported`
 * entries: the filters as JSON (`{"classId":"…","event":"auth.login"}`), preceded by `N rows` for an export.
 * Anything else (activity reads, evidence reads) gives no filters.
 */
export interface ReadDescription {
  rows: number | null;
  filters: Partial<Record<'actor' | 'event' | 'classId' | 'spaceId' | 'status' | 'from' | 'to', string>>;
}

const FILTER_KEYS = ['actor', 'event', 'classId', 'spaceId', 'status', 'from', 'to'] as const;

export function describeRead(reason: string | null): ReadDescription {
  const description: ReadDescription = { rows: null, filters: {} };
  if (!reason) return description;
  const rows = /^(\d+) rows\b/.exec(reason);
  if (rows) description.rows = Number(rows[1]);
  const start = reason.indexOf('{');
  if (start < 0) return description;
  let parsed: unknown;
  try {
    parsed = JSON.parse(reason.slice(start));
  } catch {
    return description;
  }
  if (typeof parsed !== 'object' || parsed === null) return description;
  for (const key of FILTER_KEYS) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') description.filters[key] = String(value);
  }
  return description;
}
