import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** What a connection may publish as presence, and what the server writes over. */
export interface AwarenessRules {
  maxBytes: number;
  /**
   * Whether this connection may publish the state of this awareness client id. y-websocket clients echo the
   * states they receive, so other clients' states are dropped, not treated as an attack.
   */
  mayControl(clientId: number, state: unknown): boolean;
  /** The server's own fields, written over the client's (the name on a caret is the authenticated one). */
  serverFields: Record<string, unknown>;
}

export class AwarenessRefused extends Error {}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an awareness update from a client and rewrites it: bounded size, states are objects (or null for
 * "left"), only the client ids this connection controls are kept, and `serverFields` (the user's real name
 * and colour) are set by the server. Returns the update to apply (null when nothing is left) and the client
 * ids it covers. Throws AwarenessRefused for a malformed update.
 */
export function sanitizeAwarenessUpdate(update: Uint8Array, rules: AwarenessRules): { update: Uint8Array | null; clientIds: number[] } {
  if (update.byteLength > rules.maxBytes) throw new AwarenessRefused('awareness update too large');
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 64) throw new AwarenessRefused('too many awareness states');
  const kept: Array<{ clientId: number; clock: number; state: Record<string, unknown> | null }> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    if (state !== null && !isPlainObject(state)) throw new AwarenessRefused('awareness state is not an object');
    if (!rules.mayControl(clientId, state)) continue;
    kept.push({ clientId, clock, state: state === null ? null : { ...state, ...rules.serverFields } });
  }
  if (kept.length === 0) return { update: null, clientIds: [] };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const { clientId, clock, state } of kept) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return { update: encoding.toUint8Array(encoder), clientIds: kept.map((entry) => entry.clientId) };
}
