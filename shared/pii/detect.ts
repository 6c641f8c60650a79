/**
 * The personal-information guard (pupil charter: « je ne donne pas d'informations sur moi »).
 *
 * It looks for what a child might type about themselves or a friend: a French phone number, an e-mail address,
 * a postal address. The client warns and asks for confirmation before sending; the server flags the item for
 * the moderators. It is a guard, not a censor (BRIEF rule 16): nothing is refused because of it, so it leans
 * towards catching obfuscated forms, and stays quiet on dates, times, prices and ordinary numbers.
 */

export const PII_KINDS = ['phone', 'email', 'address'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface PiiMatch {
  kind: PiiKind;
  /** The matched text, as typed. */
  text: string;
  index: number;
}

const SEP = String.raw`[\s.\-/]?`;
/**
 * French numbers: 0X XX XX XX XX (X from 1 to 9 first), or +33 / 0033 with the leading zero dropped (sometimes
 * kept in brackets: +33 (0)6 …). Separators: spaces, dots, dashes or slashes, or none.
 */
const PHONE = new RegExp(
  String.raw`(?<![\d+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-9](?:${SEP}\d{2}){4}(?!\d)`,
  'g',
);

/** An e-mail address, including the spelled-out forms children use to get round filters (arobase, (at)). */
const EMAIL = /[\p{L}\d._%+-]+\s*(?:@|\(at\)|\[at\]|\sarobase\s)\s*[\p{L}\d-]+(?:\s*(?:\.|\spoint\s)\s*[\p{L}\d-]+)*\s*(?:\.|\spoint\s)\s*([a-z]{2,6})\b/giu;
/**
 * The domain endings a spaced-out address must end with (« lea @ gmail . com », « lea arobase free point fr »): with
 * spaces allowed around « @ » and « . », any word could pass for one, and « Merci @Léa. Bonne journée » (a mention
 * that ends a sentence) would read as an address. An address written without spaces may end with any.
 */
const SPACED_EMAIL_ENDINGS = new Set(['com', 'fr', 'net', 'org', 'eu', 'be', 'ch', 'ca', 'lu', 'mc', 're', 'info', 'io', 'edu', 'gouv', 'biz', 'me', 'uk', 'de', 'es', 'it', 'pt', 'co', 'tv', 'app', 'bzh', 'paris', 'online', 'site', 'xyz']);
const plausibleEmail = (match: RegExpExecArray): boolean => !/\s/u.test(match[0].trim()) || SPACED_EMAIL_ENDINGS.has((match[1] ?? '').toLowerCase());

const STREET_TYPES = [
  'rue', 'avenue', 'av', 'bd', 'boulevard', 'place', 'chemin', 'allée', 'allee', 'impasse', 'route', 'quai',
  'cours', 'square', 'passage', 'résidence', 'residence', 'lotissement', 'cité', 'cite', 'hameau', 'sentier',
  'voie', 'rond-point', 'faubourg', 'parvis', 'esplanade', 'promenade', 'villa', 'ruelle', 'cour',
].join('|');
/** What follows a street type in an address: an article (« de la », « des », « d' ») or a proper name. */
const STREET_NAME = String.raw`(?:(?:de\s+la|de|du|des|d['’]|la|le|les|l['’]|aux|au)\s*\S|\p{Lu})`;
/** « 12 rue des Lilas », « 3 bis avenue Foch », « 7, place de la Mairie », « 12bis rue … ». */
const STREET = new RegExp(
  String.raw`(?<![\d\p{L}])\d{1,4}\s*(?:bis|ter|quater|[a-d](?![\p{L}]))?\s*,?\s+(?:${STREET_TYPES})\.?\s+${STREET_NAME}`,
  'giu',
);

/** Capitalised words that follow a 5-digit number without being a town. */
const NOT_TOWNS = new Set(['euros', 'euro', 'francs', 'points', 'habitants', 'personnes', 'élèves', 'km', 'kilomètres', 'mètres', 'ans', 'pages', 'livres', 'dollars']);
/** A French postcode (01000–98999, Corsica 20xxx) followed by a town name starting with a capital. */
const POSTCODE = /(?<![\d\p{L}])(?:0[1-9]|[1-8]\d|9[0-8])\d{3}\s+(\p{Lu}[\p{L}'’-]+)/gu;

function collect(text: string, pattern: RegExp, kind: PiiKind, accept: (match: RegExpExecArray) => boolean = () => true): PiiMatch[] {
  const found: PiiMatch[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (accept(match)) found.push({ kind, text: match[0].trim(), index: match.index });
  }
  return found;
}

/** Every piece of personal information found in a text, in order of appearance. */
export function detectPersonalInfo(text: string): PiiMatch[] {
  // Bounded work whatever the input: messages and posts are bounded anyway, and this runs on every keystroke.
  const sample = text.slice(0, 20_000);
  return [
    ...collect(sample, PHONE, 'phone'),
    ...collect(sample, EMAIL, 'email', plausibleEmail),
    ...collect(sample, STREET, 'address'),
    ...collect(sample, POSTCODE, 'address', (match) => !NOT_TOWNS.has((match[1] ?? '').toLowerCase())),
  ].sort((a, b) => a.index - b.index);
}

/** The kinds of personal information found (empty when none), for flags and warnings. */
export function personalInfoKinds(text: string): PiiKind[] {
  return [...new Set(detectPersonalInfo(text).map((match) => match.kind))];
}
