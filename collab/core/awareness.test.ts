import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { AwarenessRefused, sanitizeAwarenessUpdate } from './awareness';

function update(entries: Array<[number, number, unknown]>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [client, clock, state] of entries) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

function states(bytes: Uint8Array): Array<[number, unknown]> {
  const decoder = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(decoder);
  return Array.from({ length: count }, () => {
    const client = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    return [client, JSON.parse(decoding.readVarString(decoder))] as [number, unknown];
  });
}

const rules = (mine: number[]) => ({ maxBytes: 4096, mayControl: (id: number) => mine.includes(id), serverFields: { user: { name: 'Léa Martin', color: '#123456' } } });

describe('sanitizeAwarenessUpdate', () => {
  it('writes the real name over whatever the client claimed, and keeps the rest', () => {
    const result = sanitizeAwarenessUpdate(update([[1, 3, { user: { name: 'La maîtresse' }, cursor: { anchor: 4 } }]]), rules([1]));
    expect(states(result.update!)).toEqual([[1, { user: { name: 'Léa Martin', color: '#123456' }, cursor: { anchor: 4 } }]]);
  });

  it('drops the states of other connections (y-websocket echoes them) and keeps "left" (null) states', () => {
    const result = sanitizeAwarenessUpdate(update([[1, 3, null], [2, 5, { user: { name: 'Yanis' } }]]), rules([1]));
    expect(states(result.update!)).toEqual([[1, null]]);
    expect(sanitizeAwarenessUpdate(update([[2, 5, { user: {} }]]), rules([1])).update).toBeNull();
  });

  it('refuses oversized updates and states that are not objects', () => {
    expect(() => sanitizeAwarenessUpdate(new Uint8Array(5000), rules([1]))).toThrow(AwarenessRefused);
    expect(() => sanitizeAwarenessUpdate(update([[1, 1, 'text']]), rules([1]))).toThrow(AwarenessRefused);
    expect(() => sanitizeAwarenessUpdate(update([[1, 1, [1, 2]]]), rules([1]))).toThrow(AwarenessRefused);
  });
});
