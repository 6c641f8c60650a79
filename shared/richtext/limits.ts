/** The largest rich-text document accepted (its JSON, in characters). */
export const RICH_TEXT_MAX_JSON_CHARS = 100_000;
/** The deepest nesting accepted (lists in quotes in lists…). */
export const RICH_TEXT_MAX_DEPTH = 12;
/** The most nodes accepted in one document. */
export const RICH_TEXT_MAX_NODES = 5_000;
/** Heading levels a document may hold (the editor offers HEADING_LEVELS; older or pasted ones stay in range). */
export const RICH_TEXT_HEADING_MIN = 1;
export const RICH_TEXT_HEADING_MAX = 6;
/** Longest link target, and longest link title. */
export const RICH_TEXT_MAX_HREF_CHARS = 2_048;
export const RICH_TEXT_MAX_TITLE_CHARS = 200;
/** Largest first number of an ordered list. */
export const RICH_TEXT_MAX_LIST_START = 100_000;
/**
 * Nesting accepted in any JSON input that may hold rich text (a card body, a post…), checked without recursion
 * before anything walks it recursively: deeper input is a validation error, never a stack overflow.
 */
export const JSON_INPUT_MAX_DEPTH = 2 * RICH_TEXT_MAX_DEPTH + 8; // a node is an object and its content array, plus marks and attrs
/** Values (objects, arrays, scalars) accepted in such an input, counted by the same walk. */
export const JSON_INPUT_MAX_VALUES = 50_000;
