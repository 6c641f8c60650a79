import { describe, expect, it } from 'vitest';
import { auditQuery, dayEnd, dayStart, exportHref, filtersFromParams, filtersToParams, NO_FILTERS, rangeError, setRange, type AuditFilters } from './filters';

const CLASS = '65f0a1b2c3d4e5f6a7b8c9d0';
const PUPIL = '65f0a1b2c3d4e5f6a7b8c9d1';

describe('days as ms since the epoch (local time)', () => {
  it('starts a day at local midnight and ends it at the last millisecond', () => {
    expect(dayStart('2026-09-12')).toBe(new Date(2026, 8, 12).getTime());
    expect(dayEnd('2026-09-12')).toBe(new Date(2026, 8, 13).getTime() - 1);
    expect(new Date(dayEnd('2026-09-12')!).getDate()).toBe(12);
  });

  it('keeps whole days across a change of clocks (23 h and 25 h days in Europe/Paris)', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      const start = new Date(dayStart(day)!);
      const end = new Date(dayEnd(day)!);
      expect([start.getHours(), start.getMinutes()]).toEqual([0, 0]);
      expect([end.getHours(), end.getMinutes(), end.getSeconds(), end.getMilliseconds()]).toEqual([23, 59, 59, 999]);
    }
  });

  it('rejects what is not a real day', () => {
    for (const day of ['', '2026-02-30', '2026-13-01', '12/09/2026', '2026-9-1']) {
      expect(dayStart(day)).toBeNull();
      expect(dayEnd(day)).toBeNull();
    }
  });

  it('flags a range that ends before it starts, and accepts a single day', () => {
    expect(rangeError('2026-09-12', '2026-09-11')).toBe('order');
    expect(rangeError('2026-09-12', '2026-09-12')).toBeNull();
    expect(rangeError(null, '2026-09-11')).toBeNull();
  });
});

describe('the API query', () => {
  it('sends every filter, the days as ms (to = end of day) and the page', () => {
    const filters: AuditFilters = { classId: CLASS, actor: PUPIL, event: 'chat.message_sent', spaceId: 'sp1', status: 'denied', from: '2026-09-01', to: '2026-09-30' };
    const query = auditQuery(filters, { page: 3, pageSize: 50 });
    expect(Object.fromEntries(query)).toEqual({
      actor: PUPIL,
      event: 'chat.message_sent',
      classId: CLASS,
      spaceId: 'sp1',
      status: 'denied',
      from: String(new Date(2026, 8, 1).getTime()),
      to: String(new Date(2026, 9, 1).getTime() - 1),
      page: '3',
      pageSize: '50',
    });
  });

  it('leaves out empty filters and a reversed range', () => {
    expect(auditQuery(NO_FILTERS).toString()).toBe('');
    expect(auditQuery({ ...NO_FILTERS, from: '2026-09-12', to: '2026-09-01' }).toString()).toBe('');
    expect(setRange(new URLSearchParams({ page: '1' }), null, '2026-09-01').get('from')).toBeNull();
  });

  it('builds the CSV link with the same filters and no page', () => {
    expect(exportHref(NO_FILTERS)).toBe('/api/audit/export.csv');
    const href = exportHref({ ...NO_FILTERS, classId: CLASS, event: 'auth.login' });
    expect(href).toBe(`/api/audit/export.csv?event=auth.login&classId=${CLASS}`);
    expect(href).not.toContain('page');
  });
});

describe('filters in the page URL', () => {
  it('round-trips through the URL', () => {
    const filters: AuditFilters = { classId: CLASS, actor: PUPIL, event: 'wall.card_created', spaceId: null, status: 'success', from: '2026-09-01', to: null };
    const params = filtersToParams(filters, 4);
    expect(params.toString()).toBe(`classe=${CLASS}&auteur=${PUPIL}&evenement=wall.card_created&resultat=success&du=2026-09-01&page=4`);
    expect(filtersFromParams(params)).toEqual({ filters, page: 4 });
  });

  it('drops malformed values: unknown events, bad days, odd ids, bad pages', () => {
    const params = new URLSearchParams({ evenement: 'nope.nothing', du: '2026-02-31', auteur: 'a b', resultat: 'maybe', page: '-2', classe: CLASS });
    expect(filtersFromParams(params)).toEqual({ filters: { ...NO_FILTERS, classId: CLASS }, page: 1 });
    expect(filtersFromParams(new URLSearchParams({ page: '2.5' })).page).toBe(1);
    // Seeded ids carry dots (`demo-user-lea.martin`).
    expect(filtersFromParams(new URLSearchParams({ auteur: 'demo-user-lea.martin' })).filters.actor).toBe('demo-user-lea.martin');
  });
});
