/**
 * What the French words of Préau must never hold, for the language tests (`voice.test.ts` on the bundles, the e2e
 * `language.test.ts` on the rendered pages): English words and technical codes, and the wrong voice (« tu » to a
 * pupil, « vous » to an adult).
 */

/** English words and leftovers seen in the French interface (matched as whole words, any case). */
export const ENGLISH_WORDS: readonly string[] = [
  'the', 'and', 'of', 'is', 'are', 'missing', 'invalid', 'required', 'not found', 'failed', 'error', 'items', 'item',
  'updates', 'update', 'bytes', 'deletions', 'personal information', 'phone', 'email', 'muted', 'pupil', 'teacher',
  'parent of', 'last name', 'first name', 'column', 'row', 'please', 'you', 'your', 'loading', 'cancel', 'save',
  'delete', 'undefined', 'null', 'NaN', 'true', 'false', 'object Object',
];

/** Technical codes: event codes and keys (`chat.message_sent`, `snake_case`, `chat:send`), SHOUTED codes (MUTED). */
const CODE_PATTERNS: readonly RegExp[] = [
  /(?<![\p{L}\d])[a-z]+(?:_[a-z0-9]+)+(?![\p{L}\d])/u, // snake_case
  /(?<![\p{L}\d])[a-z]+[A-Z][a-zA-Z]+(?![\p{L}\d])/u, // camelCase
  /(?<![\p{L}\d.])[a-z]{2,}\.[a-z_]{2,}(?:\.[a-z_]+)*(?![\p{L}\d])/u, // dotted.codes (a domain such as oiseaux.net is allowed below)
  /(?<![\p{L}\d])[a-z]+:[a-z]+(?![\p{L}\d])/u, // chat:send
  /(?<![\p{L}\d])[A-Z]+(?:_[A-Z]+)+(?![\p{L}\d])/u, // RATE_LIMITED
];
const DOMAIN = /(?<![\p{L}\d])[a-z0-9-]+\.(?:net|fr|com|org|edu|gouv|eu|io)(?![\p{L}\d])/gu;

/** Words of « tu » (to a pupil), never to an adult; and imperatives of « tu » that are not also common nouns. */
const TU = /(?:^|[^\p{L}'’-])(?:tu|ton|ta|tes|toi|te|t['’](?=\p{L}))(?![\p{L}'’])|-toi\b/iu;
const TU_IMPERATIVES = [
  'sélectionne', 'choisis', 'écris', 'ajoute', 'clique', 'réessaie', 'vérifie', 'saisis', 'indique', 'ouvre', 'essaie',
  'recharge', 'reviens', 'attends', 'regarde', 'lis', 'tape', 'appuie', 'envoie', 'utilise', 'renseigne', 'scanne',
  'dépose', 'relis', 'efface', 'enregistre', 'modifie', 'reconnecte', 'connecte-toi', 'demande-lui', 'préviens',
  'patiente', 'recommence', 'coche', 'décoche', 'rédige', 'explique', 'précise', 'raconte', 'sois', 'fais', 'dis',
];
/** Words of « vous » (to an adult), never to a pupil; « -ez » imperatives opening a sentence. */
const VOUS = /(?:^|[^\p{L}])(?:vous|votre|vos)(?![\p{L}])/iu;
const VOUS_IMPERATIVE = /(?:^|[.!?:;,«(…]\s*)(?!chez(?!\p{L})|assez(?!\p{L}))\p{L}+ez(?!\p{L})/iu;

function wholeWord(word: string): RegExp {
  return new RegExp(`(?:^|[^\\p{L}])${word.replace(/ /g, '\\s+')}(?![\\p{L}])`, 'iu');
}
const ENGLISH = ENGLISH_WORDS.map((word) => [word, wholeWord(word)] as const);
// An imperative of « tu » reads like the third person (« quelqu'un essaie »): only one that opens a sentence counts.
const IMPERATIVES = TU_IMPERATIVES.map((word) => [word, new RegExp(`(?:^|[.!?:;«(…]\\s*)${word}(?![\\p{L}])`, 'iu')] as const);

/** Interpolations (`{{name}}`), nesting (`$t(…)`) and markup tags are the code's, not the reader's. */
function readable(text: string): string {
  return text.replace(/\{\{[^}]*\}\}/g, ' ').replace(/\$t\([^)]*\)/g, ' ').replace(/<\/?[a-zA-Z0-9]+\s*\/?>/g, ' ');
}

/** The English words and technical codes a French text holds. */
export function englishIn(text: string): string[] {
  const words = readable(text).replace(DOMAIN, ' ');
  const found = ENGLISH.filter(([, pattern]) => pattern.test(words)).map(([word]) => word);
  for (const pattern of CODE_PATTERNS) {
    const match = pattern.exec(words);
    if (match) found.push(match[0]);
  }
  return found;
}

/** The words of « tu » an adult must not read. */
export function tuIn(text: string): string[] {
  const words = readable(text);
  const found: string[] = [];
  const match = TU.exec(words);
  if (match) found.push(match[0].trim());
  for (const [word, pattern] of IMPERATIVES) if (pattern.test(words)) found.push(word);
  return found;
}

/** The words of « vous » a pupil must not read. */
export function vousIn(text: string): string[] {
  const words = readable(text);
  const found: string[] = [];
  const match = VOUS.exec(words);
  if (match) found.push(match[0].trim());
  const imperative = VOUS_IMPERATIVE.exec(words);
  if (imperative) found.push(imperative[0].trim());
  return found;
}
