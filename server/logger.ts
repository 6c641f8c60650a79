import { pino, type DestinationStream, type Logger } from 'pino';
import { LOG_LINE_MAX_CHARS, LOG_LINE_UNCHECKED_CHARS, LOG_STRING_MAX_CHARS } from '../shared/limits';

export type { Logger };

/** Longer caps for the strings that are ours and worth reading whole: error stacks and messages. */
const STRING_CAPS: Record<string, number> = { stack: 16 * LOG_STRING_MAX_CHARS, msg: 4 * LOG_STRING_MAX_CHARS, message: 4 * LOG_STRING_MAX_CHARS };
const MAX_DEPTH = 8;
const MAX_ENTRIES = 64;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[${text.length - max} more chars]`;
}

/** A copy of a parsed log record with every string, array and object cut to size. */
function bounded(value: unknown, key: string, depth: number): unknown {
  if (typeof value === 'string') return cut(value, STRING_CAPS[key] ?? LOG_STRING_MAX_CHARS);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ENTRIES).map((item) => bounded(item, key, depth + 1));
    return value.length > MAX_ENTRIES ? [...items, `…[${value.length - MAX_ENTRIES} more items]`] : items;
  }
  const entries = Object.entries(value);
  const kept = Object.fromEntries(entries.slice(0, MAX_ENTRIES).map(([name, item]) => [cut(name, LOG_STRING_MAX_CHARS), bounded(item, name, depth + 1)]));
  if (entries.length > MAX_ENTRIES) kept['…'] = `${entries.length - MAX_ENTRIES} more keys`;
  return kept;
}

/**
 * Bounds one serialised log line (BRIEF: logs must not become a flood lever). Lines of ordinary size pass
 * untouched at the cost of a length check; a longer one (a header, an origin, a document name or any other text a
 * client chose) has its strings cut, and whatever is still too long is replaced by a short record saying so.
 */
export function boundLogLine(line: string): string {
  if (line.length <= LOG_LINE_UNCHECKED_CHARS) return line;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${cut(line.trimEnd(), LOG_LINE_MAX_CHARS)}\n`;
  }
  const cutLine = JSON.stringify(bounded(record, '', 0));
  if (cutLine.length <= LOG_LINE_MAX_CHARS) return `${cutLine}\n`;
  const { level, time, pid, hostname, app, reqId, msg } = record;
  return `${JSON.stringify({ level, time, pid, hostname, app, reqId, msg: cut(String(msg ?? ''), LOG_STRING_MAX_CHARS), truncated: cutLine.length })}\n`;
}

/**
 * The structured logger: control characters are escaped by JSON encoding, secrets are removed, and every line is
 * bounded (`boundLogLine`), whoever logs what. `destination` is for tests; stdout otherwise.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'preau' },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password'], remove: true },
    hooks: { streamWrite: boundLogLine },
  };
  return destination ? pino(options, destination) : pino(options);
}
