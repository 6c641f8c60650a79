import { AUDIT_EVENTS, type AuditEventName, type AuditStatus } from '../../../../shared/audit/events';

export const AUDIT_STATUSES: readonly AuditStatus[] = ['success', 'denied', 'fail'];
export const AUDIT_PAGE_SIZE = 50;

/** The console's filters as the user chose them; dates are `YYYY-MM-DD` days in local time. */
export interface AuditFilters {
  classId: string | null;
  actor: string | null;
  event: AuditEventName | null;
  spaceId: string | null;
  status: AuditStatus | null;
  from: string | null;
  to: string | null;
}

export const NO_FILTERS: AuditFilters = { classId: null, actor: null, event: null, spaceId: null, status: null, from: null, to: null };

/** The URL's parameter for each filter (French, like the URLs). */
const PARAM: Record<keyof AuditFilters, string> = {
  classId: 'classe',
  actor: 'auteur',
  event: 'evenement',
  spaceId: 'espace',
  status: 'resultat',
  from: 'du',
  to: 'au',
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ID = /^[\w.:-]{1,128}$/;

const isEvent = (value: string): value is AuditEventName => (AUDIT_EVENTS as readonly string[]).includes(value);
const isStatus = (value: string): value is AuditStatus => (AUDIT_STATUSES as readonly string[]).includes(value);

function dayParts(day: string): [number, number, number] | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(year, month - 1, date);
  // Rejects 2026-02-31 and the like, which Date would silently roll over.
  if (check.getFullYear() !== year || check.getMonth() !== month - 1 || check.getDate() !== date) return null;
  return [year, month, date];
}

/** Midnight (local time) at the start of a `YYYY-MM-DD` day, in ms since the epoch; null if not a real day. */
export function dayStart(day: string): number | null {
  const parts = dayParts(day);
  return parts ? new Date(parts[0], parts[1] - 1, parts[2]).getTime() : null;
}

/** The last millisecond (local time) of a `YYYY-MM-DD` day, so that « au 12 » includes all of the 12th. */
export function dayEnd(day: string): number | null {
  const parts = dayParts(day);
  // The next midnight minus 1 ms, rather than start + 24 h: days are 23 or 25 h long when the clocks change.
  return parts ? new Date(parts[0], parts[1] - 1, parts[2] + 1).getTime() - 1 : null;
}

/** `'order'` when the range ends before it starts. */
export function rangeError(from: string | null, to: string | null): 'order' | null {
  const start = from ? dayStart(from) : null;
  const end = to ? dayEnd(to) : null;
  return start !== null && end !== null && end < start ? 'order' : null;
}

/** Reads the filters and the page from the page's URL, dropping anything malformed. */
export function filtersFromParams(params: URLSearchParams): { filters: AuditFilters; page: number } {
  const id = (key: keyof AuditFilters) => {
    const value = params.get(PARAM[key]);
    return value && ID.test(value) ? value : null;
  };
  const day = (key: 'from' | 'to') => {
    const value = params.get(PARAM[key]);
    return value && dayParts(value) ? value : null;
  };
  const event = params.get(PARAM.event) ?? '';
  const status = params.get(PARAM.status) ?? '';
  const page = Number(params.get('page'));
  return {
    filters: {
      classId: id('classId'),
      actor: id('actor'),
      event: isEvent(event) ? event : null,
      spaceId: id('spaceId'),
      status: isStatus(status) ? status : null,
      from: day('from'),
      to: day('to'),
    },
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The page's URL parameters for these filters (page 1 is left out). */
export function filtersToParams(filters: AuditFilters, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAM) as (keyof AuditFilters)[]) {
    const value = filters[key];
    if (value) params.set(PARAM[key], value);
  }
  if (page > 1) params.set('page', String(page));
  return params;
}

/**
 * The query string of `GET /api/audit` and `/api/audit/export.csv`: ids as they are, days as ms since the
 * epoch (`to` is the end of its day). A reversed range is dropped rather than sent (the form says why).
 */
export function auditQuery(filters: AuditFilters, paging?: { page: number; pageSize: number }): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.actor) query.set('actor', filters.actor);
  if (filters.event) query.set('event', filters.event);
  if (filters.classId) query.set('classId', filters.classId);
  if (filters.spaceId) query.set('spaceId', filters.spaceId);
  if (filters.status) query.set('status', filters.status);
  setRange(query, filters.from, filters.to);
  if (paging) {
    query.set('page', String(paging.page));
    query.set('pageSize', String(paging.pageSize));
  }
  return query;
}

/** Adds `from` / `to` in ms to a query, unless the range is reversed. */
export function setRange(query: URLSearchParams, from: string | null, to: string | null): URLSearchParams {
  if (rangeError(from, to)) return query;
  const start = from ? dayStart(from) : null;
  const end = to ? dayEnd(to) : null;
  if (start !== null) query.set('from', String(start));
  if (end !== null) query.set('to', String(end));
  return query;
}

/**
 * The CSV download of the log with the same filters (a GET: the session cookie is enough, no CSRF token);
 * `technical` adds the technical columns (codes, ids, UTC time, the chain's hashes).
 */
export function exportHref(filters: AuditFilters, technical = false): string {
  const params = auditQuery(filters);
  if (technical) params.set('technical', '1');
  const query = params.toString();
  return `/api/audit/export.csv${query ? `?${query}` : ''}`;
}
