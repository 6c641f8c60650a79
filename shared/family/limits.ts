/** The family page and the teachers' class week: limits of one week's page. */

/** The time zone of weeks (Monday 00:00 to the next Monday 00:00), whatever the server's or the reader's. */
export const FAMILY_TIME_ZONE = 'Europe/Paris';

/** At most this many creations (cards, comments, topics, posts) are read for one week's page, the newest first; `truncated` says when more. */
export const FAMILY_FEED_MAX_EVENTS = 400;

/**
 * At most this many `pad.edited` events (one per writer and pad per minute of writing) are read for one week's page:
 * read apart from the creations, so a class writing a pad together does not push the week's cards off the page.
 */
export const FAMILY_FEED_MAX_PAD_EVENTS = 2_000;

/** At most this many entries on one week's page, after the reader's filter. */
export const FAMILY_FEED_MAX_ENTRIES = 150;

/** An entry's excerpt: the start of the text, in characters. */
export const FAMILY_EXCERPT_MAX = 160;
