import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n, { loadLanguage } from '../i18n';
import { ApiError, apiRequest, retryAfterMsOf } from './api';
import { clearRateLimited, DEFAULT_RATE_LIMIT_WAIT_MS, getRateLimited, reportRateLimited, secondsLeft } from './rateLimit';
import { emitWithAck } from './socket';

afterEach(() => {
  vi.unstubAllGlobals();
  clearRateLimited();
});

/** A connected socket whose every emit is answered with `answer`. */
const answering = (answer: unknown) => ({ connected: true, timeout: () => ({ emitWithAck: async () => answer }) });

describe('the rate-limit notice state', () => {
  it('keeps the latest end of wait, never an earlier one, and a default wait when the server gave none', () => {
    reportRateLimited(5_000, 1_000);
    expect(getRateLimited()).toEqual({ at: 1_000, until: 6_000 });
    reportRateLimited(1_000, 2_000);
    expect(getRateLimited()?.until).toBe(6_000);
    reportRateLimited(10_000, 2_000);
    expect(getRateLimited()?.until).toBe(12_000);
    clearRateLimited();
    reportRateLimited(undefined, 0);
    expect(getRateLimited()?.until).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
  });

  it('counts whole seconds left, at least one while any time is left', () => {
    expect(secondsLeft(5_000, 0)).toBe(5);
    expect(secondsLeft(5_000, 4_999)).toBe(1);
    expect(secondsLeft(5_000, 5_000)).toBe(0);
    expect(secondsLeft(5_000, 1_200)).toBe(4);
  });
});

describe('RATE_LIMITED from the server', () => {
  it('a socket ack is reported with its retryAfterMs and returned unchanged', async () => {
    const answer = { ok: false, code: 'RATE_LIMITED', message: 'Too many events', retryAfterMs: 7_000 };
    const before = Date.now();
    expect(await emitWithAck(answering(answer), 'wall:card:move', {})).toEqual(answer);
    const until = getRateLimited()?.until ?? 0;
    expect(until).toBeGreaterThanOrEqual(before + 7_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 7_000);
  });

  it('other acks are not reported', async () => {
    await emitWithAck(answering({ ok: false, code: 'FORBIDDEN', message: 'no' }), 'wall:card:move', {});
    await emitWithAck(answering({ ok: true, data: {} }), 'wall:card:move', {});
    expect(getRateLimited()).toBeNull();
  });

  it('a REST 429 becomes an ApiError with the Retry-After wait, and is reported', async () => {
    const body = { error: { code: 'RATE_LIMITED', message: 'Too many requests: retry in 12 s' } };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '12' } })));
    const error = await apiRequest('/api/me').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterMs: 12_000 });
    expect((getRateLimited()?.until ?? 0) - Date.now()).toBeGreaterThan(11_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMsOf('5')).toBe(5_000);
    expect(retryAfterMsOf(new Date(70_000).toUTCString(), 10_000)).toBe(60_000);
    expect(retryAfterMsOf(null)).toBeUndefined();
    expect(retryAfterMsOf('soon')).toBeUndefined();
  });
});

describe('the notice’s words', () => {
  it('speaks to pupils with « tu » and to adults with « vous », in French first, with the wait', async () => {
    await loadLanguage('en'); // English is loaded on demand
    const fr = i18n.getFixedT('fr');
    expect(fr('errors.rateLimited.wait', { count: 5, context: 'pupil' })).toBe('Doucement ! Tu pourras recommencer dans 5 secondes.');
    expect(fr('errors.rateLimited.wait', { count: 1, context: 'pupil' })).toBe('Doucement ! Tu pourras recommencer dans 1 seconde.');
    expect(fr('errors.rateLimited.wait', { count: 30 })).toBe('Doucement ! Vous pourrez recommencer dans 30 secondes.');
    expect(i18n.getFixedT('en')('errors.rateLimited.wait', { count: 2 })).toBe('Slow down! You can try again in 2 seconds.');
  });
});
