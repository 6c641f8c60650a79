/** The largest rich-text document accepted (its JSON, in characters). */
export const RICH_TEXT_MAX_JSON_CHARS = 100_000;
/** The deepest nesting accepted (lists in quotes in lists…). */
export const RICH_TEXT_MAX_DEPTH = 12;
/** The most nodes accepted in one document. */
export const RICH_TEXT_MAX_NODES = 5_000;
