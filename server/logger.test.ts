import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LOG_LINE_MAX_CHARS, LOG_STRING_MAX_CHARS } from '../shared/limits';
import { boundLogLine, createLogger } from './logger';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('bounded log lines', () => {
  it('cuts a client-chosen string and keeps the rest of the record readable', async () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    logger.warn({ origin: `https://${'a'.repeat(10_000)}.example`, userId: 'u1' }, 'collab upgrade refused: foreign origin');
    await new Promise((done) => setImmediate(done));
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as { origin: string; userId: string; msg: string };
    expect(lines[0]!.length).toBeLessThan(LOG_STRING_MAX_CHARS * 3);
    expect(record.origin.startsWith('https://aaa')).toBe(true);
    expect(record.origin).toMatch(/more chars\]$/);
    expect(record).toMatchObject({ userId: 'u1', msg: 'collab upgrade refused: foreign origin' });
  });

  it('bounds records with many keys, deep nesting or long arrays, and leaves ordinary lines untouched', () => {
    const ordinary = `${JSON.stringify({ level: 30, msg: 'Préau is listening', port: 3000 })}\n`;
    expect(boundLogLine(ordinary)).toBe(ordinary);
    const wide = JSON.stringify({ level: 40, headers: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`x-h${i}`, 'v'.repeat(300)])) });
    const deep = JSON.stringify({ level: 40, nested: JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`) as unknown });
    const long = JSON.stringify({ level: 40, list: Array.from({ length: 10_000 }, (_, i) => i) });
    for (const line of [wide, deep, long, `not json ${'z'.repeat(50_000)}`]) {
      const out = boundLogLine(`${line}\n`);
      expect(out.length).toBeLessThanOrEqual(LOG_LINE_MAX_CHARS + 64);
      expect(out.endsWith('\n')).toBe(true);
    }
  });
});
