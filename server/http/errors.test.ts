import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { DocumentTooLargeError } from '../storage/port';
import { errorHandler } from './errors';

/** Answers one request to an app whose only route throws `error`, through the real error handler. */
async function answerTo(error: unknown): Promise<{ status: number; body: { error: { code: string; message: string } } }> {
  const app = express();
  app.use((req, _res, next) => {
    Object.assign(req, { id: 'test', log: { warn: () => undefined, error: () => undefined } });
    next();
  });
  app.get('/boom', () => {
    throw error;
  });
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`);
    return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
  } finally {
    server.close();
  }
}

describe('errorHandler', () => {
  it('answers a document too large for the store with 413, not a 500', async () => {
    const answer = await answerTo(new DocumentTooLargeError('pad_updates', 17_000_000, 16 * 1024 * 1024));
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(answer.body.error.message).not.toContain('pad_updates');
  });

  it('answers anything unknown with 500 and no detail', async () => {
    const answer = await answerTo(new Error('secret detail'));
    expect(answer.status).toBe(500);
    expect(answer.body.error.message).toBe('Internal error');
  });
});
