import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import { AppError, HTTP_STATUS_BY_CODE, type ApiErrorBody, type ErrorCode, type ValidationIssue } from '../../shared/errors';
import { DocumentTooLargeError } from '../storage/port';
import { RateLimitedError, retryAfterSeconds } from './rate-limit';

/** Sends the one error shape every REST route uses. */
export function sendError(res: Response, code: ErrorCode, message: string, issues?: ValidationIssue[]): void {
  const body: ApiErrorBody = { error: { code, message, requestId: String(res.req.id ?? ''), ...(issues ? { issues } : {}) } };
  res.status(HTTP_STATUS_BY_CODE[code]).json(body);
}

/** Turns zod issues into path + message pairs. */
export function zodIssues(error: ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** 404 for unknown API routes (the client's routes fall through to the SPA instead). */
export const apiNotFound: RequestHandler = (req, res) => {
  sendError(res, 'NOT_FOUND', `No route ${req.method} ${req.path}`);
};

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** The last middleware: known errors become clean answers; anything else is logged and answered 500. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error instanceof AppError) {
    if (error instanceof RateLimitedError) res.setHeader('Retry-After', String(retryAfterSeconds(error.retryAfterMs)));
    sendError(res, error.code, error.message, error.issues);
    return;
  }
  if (error instanceof ZodError) {
    sendError(res, 'VALIDATION', 'The request is invalid', zodIssues(error));
    return;
  }
  // A document over the store's limit (MongoDB's 16 MiB): nothing was written, and the request is what is too large.
  if (error instanceof DocumentTooLargeError) {
    req.log.warn({ err: error.message }, 'document too large for the store');
    sendError(res, 'PAYLOAD_TOO_LARGE', 'The content is too large to be saved');
    return;
  }
  const parserError = error as BodyParserError;
  if (parserError.type === 'entity.too.large') {
    sendError(res, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
    return;
  }
  if (parserError.type === 'entity.parse.failed' || parserError.type === 'encoding.unsupported') {
    sendError(res, 'VALIDATION', 'The request body is not valid JSON');
    return;
  }
  if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    sendError(res, 'VALIDATION', parserError.message);
    return;
  }
  req.log.error({ err: error }, 'unhandled error');
  sendError(res, 'INTERNAL', 'Internal error');
};
