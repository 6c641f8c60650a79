import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, parseErrorBody, setCsrfToken } from './api';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('parseErrorBody', () => {
  it('reads { error: { code, message } }', () => {
    expect(parseErrorBody({ error: { code: 'CONFLICT', message: 'changed' } })).toEqual({ code: 'CONFLICT', message: 'changed' });
  });

  it('keeps well-formed validation issues only', () => {
    const body = { error: { code: 'VALIDATION', message: 'bad', issues: [{ path: 'line 2', message: 'empty' }, { path: 3 }] } };
    expect(parseErrorBody(body)).toEqual({ code: 'VALIDATION', message: 'bad', issues: [{ path: 'line 2', message: 'empty' }] });
  });

  it('ignores unknown codes and other shapes', () => {
    expect(parseErrorBody({ error: { code: 'NOPE', message: 'm' } })).toEqual({ message: 'm' });
    expect(parseErrorBody({ error: 'text' })).toEqual({});
    expect(parseErrorBody(null)).toEqual({});
    expect(parseErrorBody('<html>')).toEqual({});
  });
});

describe('apiRequest', () => {
  it('sends JSON and resolves with the parsed answer', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiRequest('/api/x', { method: 'POST', body: { a: 1 } })).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/x');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
  });

  it('rejects with an ApiError carrying status and code', async () => {
    vi.stubGlobal('fetch', async () => jsonResponse(404, { error: { code: 'NOT_FOUND', message: 'No route' } }));
    const error = await apiRequest('/api/nope').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'No route' });
  });

  it('copes with a non-JSON error body', async () => {
    vi.stubGlobal('fetch', async () => new Response('Bad gateway', { status: 502, headers: { 'content-type': 'text/plain' } }));
    await expect(apiRequest('/api/meta')).rejects.toMatchObject({ status: 502, code: undefined });
  });

  it('turns a network failure into status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await apiRequest('/api/meta').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isNetworkError).toBe(true);
  });

  it('sends the CSRF token on mutating requests only', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, {}));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok-1');
    await apiRequest('/api/me');
    await apiRequest('/api/auth/logout', { method: 'POST' });
    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][];
    expect(calls[0]![1].headers).not.toHaveProperty('x-csrf-token');
    expect(calls[1]![1].headers).toMatchObject({ 'x-csrf-token': 'tok-1' });
  });

  it('returns the text of an HTML answer when asked to', async () => {
    vi.stubGlobal('fetch', async () => new Response('<!doctype html><p>fiche</p>', { status: 200, headers: { 'content-type': 'text/html' } }));
    await expect(apiRequest('/api/admin/connection-sheets', { method: 'POST', body: {}, responseType: 'text' })).resolves.toContain('fiche');
  });

  it('carries the validation issues of an error', async () => {
    vi.stubGlobal('fetch', async () => jsonResponse(400, { error: { code: 'VALIDATION', message: 'm', issues: [{ path: 'line 1', message: 'x' }] } }));
    await expect(apiRequest('/api/admin/import', { method: 'POST', body: {} })).rejects.toMatchObject({ issues: [{ path: 'line 1', message: 'x' }] });
  });
});
