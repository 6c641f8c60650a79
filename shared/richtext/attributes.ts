import {
  RICH_TEXT_HEADING_MAX,
  RICH_TEXT_HEADING_MIN,
  RICH_TEXT_MAX_HREF_CHARS,
  RICH_TEXT_MAX_LIST_START,
  RICH_TEXT_MAX_TITLE_CHARS,
} from './limits';

/** Link targets a child may follow: web pages and e-mail only (no javascript:, data:, file:…). */
export const ALLOWED_LINK = /^(https?:\/\/|mailto:)/i;
/** The `rel` every link carries (set by the editor's Link extension). */
export const LINK_REL = 'noopener noreferrer nofollow';
/** A code block's language: a short name in a safe alphabet (`js`, `c++`, `objective-c`), never markup. */
export const CODE_LANGUAGE = /^[a-z0-9][a-z0-9+#._-]{0,31}$/i;
/** Numbering styles of an ordered list (HTML's `type`). */
const LIST_TYPES = new Set(['1', 'a', 'A', 'i', 'I']);
/** C0 and C1 control characters, and the line/paragraph separators: never in an attribute. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Checks one attribute value; `null` stands for "not set" (the schema's default). */
export type AttributeCheck = (value: unknown) => boolean;

const isNull: AttributeCheck = (value) => value === null;
const integerIn =
  (min: number, max: number): AttributeCheck =>
  (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** A link target the editor would have accepted: http(s) or mailto, bounded, no control characters. */
export const isSafeHref: AttributeCheck = (value) =>
  typeof value === 'string' && value.length <= RICH_TEXT_MAX_HREF_CHARS && !CONTROL.test(value) && ALLOWED_LINK.test(value.trim());

/**
 * The attributes each node of the editor may carry, and the values allowed for each: nothing else is ever
 * stored. Checked against the schema built from the extension list (`schema.test.ts`): a new extension with
 * attributes fails that test until its attributes are listed here.
 */
export const NODE_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, AttributeCheck>>>> = {
  doc: {},
  paragraph: {},
  text: {},
  hardBreak: {},
  horizontalRule: {},
  blockquote: {},
  bulletList: {},
  listItem: {},
  heading: { level: integerIn(RICH_TEXT_HEADING_MIN, RICH_TEXT_HEADING_MAX) },
  codeBlock: { language: (value) => value === null || (typeof value === 'string' && CODE_LANGUAGE.test(value)) },
  orderedList: {
    start: integerIn(0, RICH_TEXT_MAX_LIST_START),
    type: (value) => value === null || (typeof value === 'string' && LIST_TYPES.has(value)),
  },
};

/** The attributes each mark may carry, likewise. */
export const MARK_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, AttributeCheck>>>> = {
  bold: {},
  italic: {},
  strike: {},
  underline: {},
  code: {},
  link: {
    href: isSafeHref,
    target: (value) => value === null || value === '_blank',
    rel: (value) => value === null || value === LINK_REL,
    class: isNull,
    title: (value) => value === null || (typeof value === 'string' && value.length <= RICH_TEXT_MAX_TITLE_CHARS && !CONTROL.test(value)),
  },
};
