import { ERROR_CODES, type ErrorCode, type ValidationIssue } from '../../../shared/errors';
import { CSRF_HEADER } from '../../../shared/identity/api';
import { reportRateLimited } from './rateLimit';

/**
 * A failed call to our API. `status` is 0 when the server could not be reached at all;
 * `code` is the server's error code when the body had the `{ error: { code, message } }` shape,
 * `issues` the per-field problems of a VALIDATION answer, and `retryAfterMs` the wait a 429 announced.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | undefined,
    message: string,
    readonly issues: ValidationIssue[] = [],
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function isIssue(value: unknown): value is ValidationIssue {
  if (typeof value !== 'object' || value === null) return false;
  const { path, message } = value as { path?: unknown; message?: unknown };
  return typeof path === 'string' && typeof message === 'string';
}

/** Reads `{ error: { code, message, issues } }` from a body, tolerating anything else. */
export function parseErrorBody(body: unknown): { code?: ErrorCode; message?: string; issues?: ValidationIssue[] } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return {};
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return {};
  const { code, message, issues } = error as { code?: unknown; message?: unknown; issues?: unknown };
  const validIssues = Array.isArray(issues) ? issues.filter(isIssue) : [];
  return {
    ...(isErrorCode(code) ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
    ...(validIssues.length > 0 ? { issues: validIssues } : {}),
  };
}

/** The wait of a `Retry-After` header (seconds, or an HTTP date), in milliseconds; undefined when absent or unreadable. */
export function retryAfterMsOf(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * The CSRF token of the current session, kept in memory only (never in storage): it comes from the latest
 * `GET /api/me` or sign-in answer and goes back as `X-CSRF-Token` on every mutating request.
 */
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function getCsrfToken(): string | undefined {
  return csrfToken;
}

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequestOptions {
  method?: ApiMethod;
  body?: unknown;
  signal?: AbortSignal;
  /** `'text'` for the rare endpoint that answers HTML (the printable connection sheets). */
  responseType?: 'json' | 'text';
}

function requestHeaders(method: ApiMethod, hasBody: boolean, responseType: 'json' | 'text'): Record<string, string> {
  const headers: Record<string, string> = { accept: responseType === 'text' ? 'text/html' : 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  return headers;
}

/** Calls a same-origin endpoint; resolves with the parsed body (or the text) or rejects with an ApiError. */
export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, responseType = 'json' } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: requestHeaders(method, body !== undefined, responseType),
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, undefined, cause instanceof Error ? cause.message : 'Network error');
  }
  if (response.ok && responseType === 'text') return (await response.text()) as T;
  const data = await readJson(response);
  if (!response.ok) {
    const { code, message, issues } = parseErrorBody(data);
    const retryAfterMs = response.status === 429 ? retryAfterMsOf(response.headers.get('retry-after')) : undefined;
    // Whatever screen made the call, the user is told how long to wait (see RateLimitNotice).
    if (response.status === 429) reportRateLimited(retryAfterMs);
    throw new ApiError(response.status, code, message ?? `HTTP ${response.status}`, issues, retryAfterMs);
  }
  return data as T;
}
