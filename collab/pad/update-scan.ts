import * as decoding from 'lib0/decoding';
import {
  PAD_DELETE_RANGES_PER_WORK_UNIT,
  PAD_MAX_ATTRIBUTE_BYTES,
  PAD_MAX_ATTRIBUTE_DEPTH,
  PAD_MAX_ATTRIBUTE_NAME_CHARS,
  PAD_MAX_UPDATE_CLIENTS,
  PAD_MAX_UPDATE_DELETE_RANGES,
  PAD_MAX_UPDATE_NODES,
  PAD_MAX_UPDATE_STRUCTS,
} from '../../shared/pad/limits';

/** What an update carries, counted on its bytes. */
export interface UpdateShape {
  structs: number;
  /** New Yjs types (nodes). */
  nodes: number;
  clients: number;
  deleteRanges: number;
  /** Work units it costs to decode, check and apply (spent from the `collabWork` limit). */
  work: number;
}

/** An update out of the pad's limits: `size` for too much (4413), `content` for what a pad never holds (4422). */
export interface UpdateProblem {
  kind: 'size' | 'content' | 'malformed';
  reason: string;
}

/** Yjs content kinds (the low 5 bits of a struct's info byte), as written by Yjs' V1 encoder. */
const CONTENT = { GC: 0, DELETED: 1, JSON: 2, BINARY: 3, STRING: 4, EMBED: 5, FORMAT: 6, TYPE: 7, ANY: 8, DOC: 9, SKIP: 10 } as const;
/** Type refs of ContentType that carry a name (XmlElement, XmlHook). */
const NAMED_TYPE_REFS = new Set([3, 5]);
const HAS_ORIGIN = 0b1000_0000;
const HAS_RIGHT_ORIGIN = 0b0100_0000;
const HAS_PARENT_SUB = 0b0010_0000;

class Refused extends Error {
  constructor(readonly problem: UpdateProblem) {
    super(problem.reason);
  }
}

const size = (reason: string) => new Refused({ kind: 'size', reason });
const content = (reason: string) => new Refused({ kind: 'content', reason });

/** Moves past `length` bytes, refusing to run past the end. */
function skip(decoder: decoding.Decoder, length: number): void {
  if (length > decoder.arr.length - decoder.pos) throw new Refused({ kind: 'malformed', reason: 'truncated update' });
  decoder.pos += length;
}

/** Skips an id (client and clock). */
function skipId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}

/** Skips a length-prefixed string or byte array without decoding it; returns its length in bytes. */
function skipBytes(decoder: decoding.Decoder): number {
  const length = decoding.readVarUint(decoder);
  skip(decoder, length);
  return length;
}

/**
 * Skips one lib0 "any" value (a node attribute) without building it and without recursion: bounded nesting, so a
 * value nested 100,000 deep costs as little as a flat one (lib0's own reader would recurse through it).
 */
function skipAny(decoder: decoding.Decoder): void {
  // Per open container: values left, and whether each value is preceded by its key (objects).
  const open: Array<{ left: number; keyed: boolean }> = [{ left: 1, keyed: false }];
  while (open.length > 0) {
    const top = open[open.length - 1]!;
    if (top.left === 0) {
      open.pop();
      continue;
    }
    top.left -= 1;
    if (top.keyed) skipBytes(decoder);
    const tag = decoding.readUint8(decoder);
    switch (tag) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        break;
      case 125: // varInt
        decoding.readVarInt(decoder);
        break;
      case 124: // float32
        skip(decoder, 4);
        break;
      case 123: // float64
      case 122: // bigint64
        skip(decoder, 8);
        break;
      case 119: // string
      case 116: // Uint8Array
        skipBytes(decoder);
        break;
      case 118: // object
      case 117: // array
        if (open.length >= PAD_MAX_ATTRIBUTE_DEPTH) throw content('attribute value nested too deeply');
        open.push({ left: decoding.readVarUint(decoder), keyed: tag === 118 });
        break;
      default:
        throw new Refused({ kind: 'malformed', reason: 'unknown value tag' });
    }
  }
}

function scanStructs(decoder: decoding.Decoder, shape: UpdateShape, clients: Set<number>): void {
  const groups = decoding.readVarUint(decoder);
  for (let group = 0; group < groups; group++) {
    const count = decoding.readVarUint(decoder);
    shape.structs += count;
    if (shape.structs > PAD_MAX_UPDATE_STRUCTS) throw size(`more than ${PAD_MAX_UPDATE_STRUCTS} structs`);
    clients.add(decoding.readVarUint(decoder));
    if (clients.size > PAD_MAX_UPDATE_CLIENTS) throw size(`more than ${PAD_MAX_UPDATE_CLIENTS} client ids`);
    decoding.readVarUint(decoder); // first clock
    for (let i = 0; i < count; i++) {
      const info = decoding.readUint8(decoder);
      const kind = info & 0b1_1111;
      if (kind === CONTENT.GC || kind === CONTENT.SKIP) {
        decoding.readVarUint(decoder);
        continue;
      }
      if (info & HAS_ORIGIN) skipId(decoder);
      if (info & HAS_RIGHT_ORIGIN) skipId(decoder);
      if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
        if (decoding.readVarUint(decoder) === 1) skipBytes(decoder); // a root's name
        else skipId(decoder); // the parent's id
        if (info & HAS_PARENT_SUB && skipBytes(decoder) > PAD_MAX_ATTRIBUTE_NAME_CHARS * 4) throw content('attribute name too long');
      }
      switch (kind) {
        case CONTENT.DELETED:
          decoding.readVarUint(decoder);
          break;
        case CONTENT.STRING:
          skipBytes(decoder);
          break;
        case CONTENT.FORMAT:
          if (skipBytes(decoder) > PAD_MAX_ATTRIBUTE_NAME_CHARS * 4) throw content('mark name too long');
          if (skipBytes(decoder) > PAD_MAX_ATTRIBUTE_BYTES) throw size('mark attributes too large');
          break;
        case CONTENT.TYPE: {
          shape.nodes += 1;
          if (shape.nodes > PAD_MAX_UPDATE_NODES) throw size(`more than ${PAD_MAX_UPDATE_NODES} new nodes`);
          if (NAMED_TYPE_REFS.has(decoding.readVarUint(decoder)) && skipBytes(decoder) > PAD_MAX_ATTRIBUTE_NAME_CHARS * 4) throw content('node name too long');
          break;
        }
        case CONTENT.ANY: {
          const start = decoder.pos;
          const values = decoding.readVarUint(decoder);
          if (values > 1) throw content('several values in one attribute');
          for (let value = 0; value < values; value++) skipAny(decoder);
          if (decoder.pos - start > PAD_MAX_ATTRIBUTE_BYTES) throw size('attribute too large');
          break;
        }
        default:
          // JSON, binary, embeds and sub-documents: nothing the editor writes into a pad.
          throw content('content a pad never holds');
      }
    }
  }
}

function scanDeleteSet(decoder: decoding.Decoder, shape: UpdateShape): void {
  const clients = decoding.readVarUint(decoder);
  for (let i = 0; i < clients; i++) {
    decoding.readVarUint(decoder); // client
    const ranges = decoding.readVarUint(decoder);
    shape.deleteRanges += ranges;
    if (shape.deleteRanges > PAD_MAX_UPDATE_DELETE_RANGES) throw size(`more than ${PAD_MAX_UPDATE_DELETE_RANGES} deleted ranges`);
    for (let range = 0; range < ranges; range++) skipId(decoder); // clock and length
  }
}

/**
 * Reads a Yjs (V1) update's structure without decoding it (no item, type or value is built) and refuses it as soon
 * as it goes past one of the pad's per-update limits: the cost of refusing a hostile frame is a pass over its
 * bytes that stops early, never the decoding, checking and applying that the limits are there to bound.
 */
export function scanUpdate(update: Uint8Array): UpdateShape | UpdateProblem {
  const decoder = decoding.createDecoder(update);
  const shape: UpdateShape = { structs: 0, nodes: 0, clients: 0, deleteRanges: 0, work: 0 };
  const clients = new Set<number>();
  try {
    scanStructs(decoder, shape, clients);
    scanDeleteSet(decoder, shape);
  } catch (error) {
    if (error instanceof Refused) return error.problem;
    return { kind: 'malformed', reason: 'undecodable update' };
  }
  shape.clients = clients.size;
  shape.work = shape.structs + Math.ceil(shape.deleteRanges / PAD_DELETE_RANGES_PER_WORK_UNIT);
  return shape;
}

export const isUpdateProblem = (result: UpdateShape | UpdateProblem): result is UpdateProblem => 'kind' in result;
