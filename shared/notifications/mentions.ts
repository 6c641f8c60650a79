import { MENTION_MAX_PER_ITEM } from './limits';

/** Someone who may be mentioned: their id and their display name (« Léa Martin »). */
export interface MentionCandidate {
  id: string;
  name: string;
}

/**
 * The names one may write after « @ », normalized (`normalizeForMention`): each full display name, and each first
 * name (the name's first word, « Jean-Marc » whole). A name two people share maps to null: it names nobody.
 */
export interface MentionIndex {
  full: ReadonlyMap<string, string | null>;
  first: ReadonlyMap<string, string | null>;
  /** Every key of both maps, the longest first (« @Léa Martin » is tried before « @Léa »). */
  keys: readonly string[];
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * A text as names are compared in it: lower case, accents dropped (« Léa » is « lea »), œ and æ spelled out,
 * typographic apostrophes and hyphens made plain, and each run of spaces (not line breaks) one space.
 */
export function normalizeForMention(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[\u2018\u2019\u02bc\u2032`]/g, "'")
    .replace(/[\u2010\u2011\u2012\u2013]/g, '-')
    .replace(/[^\S\n]+/g, ' ');
}

/** Records `key` for `id`; a key already held by someone else becomes ambiguous (null). */
function hold(map: Map<string, string | null>, key: string, id: string): void {
  if (!key) return;
  const held = map.get(key);
  map.set(key, held === undefined || held === id ? id : null);
}

/** The index of these people's names (built once per item that holds an « @ »). */
export function mentionIndex(people: readonly MentionCandidate[]): MentionIndex {
  const full = new Map<string, string | null>();
  const first = new Map<string, string | null>();
  for (const person of people) {
    const name = normalizeForMention(person.name).trim();
    hold(full, name, person.id);
    hold(first, name.split(' ')[0] ?? '', person.id);
  }
  const keys = [...new Set([...full.keys(), ...first.keys()])].sort((a, b) => b.length - a.length);
  return { full, first, keys };
}

/** Whether a name ending at `end` ends a word there (« @Léa. », « @Léa, »; not « @Jean » in « @Jean-Marc »). */
function endsWord(text: string, end: number): boolean {
  const next = text[end];
  if (next === undefined) return true;
  if (LETTER_OR_DIGIT.test(next)) return false;
  // A hyphen or an apostrophe followed by a letter goes on with the name (« Jean-Marc », « D'Almeida »).
  return !((next === '-' || next === "'") && LETTER_OR_DIGIT.test(text[end + 1] ?? ''));
}

/**
 * The ids of the people a text mentions, in the order written, each once, at most `max`: « @ » (not inside a word,
 * as in an e-mail address) followed by a person's full display name, or by their first name when nobody else has it;
 * accents and case ignored. The longest name written wins; a name two people share mentions neither.
 */
export function findMentions(text: string, index: MentionIndex, max: number = MENTION_MAX_PER_ITEM): string[] {
  if (!text.includes('@') || max <= 0) return [];
  const normalized = normalizeForMention(text);
  const found: string[] = [];
  for (let at = normalized.indexOf('@'); at !== -1; at = normalized.indexOf('@', at + 1)) {
    if (at > 0 && LETTER_OR_DIGIT.test(normalized[at - 1]!)) continue;
    const start = at + 1;
    const key = index.keys.find((name) => normalized.startsWith(name, start) && endsWord(normalized, start + name.length));
    if (key === undefined) continue;
    const id = index.full.has(key) ? index.full.get(key) : index.first.get(key);
    if (!id || found.includes(id)) continue;
    found.push(id);
    if (found.length >= max) break;
  }
  return found;
}

/** The ids of the people among `people` that a text mentions (see `findMentions`). */
export function mentionsIn(text: string, people: readonly MentionCandidate[], max: number = MENTION_MAX_PER_ITEM): string[] {
  return text.includes('@') ? findMentions(text, mentionIndex(people), max) : [];
}
