import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { errorMessageKey } from './errorMessage';

describe('errorMessageKey', () => {
  it('uses the server code when there is one', () => {
    expect(errorMessageKey(new ApiError(403, 'MUTED', 'muted'))).toBe('errors.codes.MUTED');
  });

  it('derives a code from the status when the body had none', () => {
    expect(errorMessageKey(new ApiError(429, undefined, 'HTTP 429'))).toBe('errors.codes.RATE_LIMITED');
    expect(errorMessageKey(new ApiError(502, undefined, 'HTTP 502'))).toBe('errors.codes.UNAVAILABLE');
    expect(errorMessageKey(new ApiError(500, undefined, 'HTTP 500'))).toBe('errors.codes.INTERNAL');
    expect(errorMessageKey(new ApiError(599, undefined, 'HTTP 599'))).toBe('errors.codes.INTERNAL');
  });

  it('falls back to a generic message for unknown 4xx and non-API errors', () => {
    expect(errorMessageKey(new ApiError(418, undefined, 'teapot'))).toBe('errors.unknown');
    expect(errorMessageKey(new Error('boom'))).toBe('errors.unknown');
    expect(errorMessageKey('weird')).toBe('errors.unknown');
  });

  it('reports network failures separately', () => {
    expect(errorMessageKey(new ApiError(0, undefined, 'Failed to fetch'))).toBe('errors.network');
  });

  it('lets a screen override by code first, then by status', () => {
    const overrides = { UNAUTHENTICATED: 'screen.badLogin', 404: 'screen.notYet' } as const;
    expect(errorMessageKey(new ApiError(401, 'UNAUTHENTICATED', 'x'), overrides)).toBe('screen.badLogin');
    expect(errorMessageKey(new ApiError(404, 'NOT_FOUND', 'x'), overrides)).toBe('screen.notYet');
    expect(errorMessageKey(new ApiError(404, undefined, 'x'), overrides)).toBe('screen.notYet');
    expect(errorMessageKey(new ApiError(403, 'FORBIDDEN', 'x'), overrides)).toBe('errors.codes.FORBIDDEN');
  });
});
