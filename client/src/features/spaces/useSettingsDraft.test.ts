import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../lib/api';
import { saveSpaceSettings } from './useSettingsDraft';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const space = (version: number) => ({ id: 'f1', version, settings: { preModeration: true }, parentsMayComment: false });

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('saving a space’s settings', () => {
  it('sends the version the form was loaded from, and answers the saved space', async () => {
    const fetchMock = vi.fn(async () => json(200, space(4)));
    vi.stubGlobal('fetch', fetchMock);
    const outcome = await saveSpaceSettings('f1', { settings: { preModeration: true }, parentsMayComment: false }, 3);
    expect(outcome).toEqual({ status: 'saved', space: space(4) });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/spaces/f1');
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(init.body as string)).toEqual({ settings: { preModeration: true }, parentsMayComment: false, version: 3 });
  });

  it('on CONFLICT (another teacher saved meanwhile), saves nothing and reads the space again', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(409, { error: { code: 'CONFLICT', message: 'changed meanwhile', issues: [{ path: 'version', message: '5' }] } }))
      .mockResolvedValueOnce(json(200, space(5)));
    vi.stubGlobal('fetch', fetchMock);
    expect(await saveSpaceSettings('f1', { settings: {}, parentsMayComment: true }, 3)).toEqual({ status: 'reloaded', space: space(5) });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect((fetchMock.mock.calls[1] as unknown as [string, RequestInit])[1].method).toBe('GET');
  });

  it('fails on any other refusal, without reading again', async () => {
    const fetchMock = vi.fn(async () => json(403, { error: { code: 'FORBIDDEN', message: 'no' } }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await saveSpaceSettings('f1', { settings: {}, parentsMayComment: true }, 3)).toEqual({ status: 'failed' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
