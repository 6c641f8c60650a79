/** The forum's named limits, shared by the server (which enforces them) and the client (which shows them). */

export const FORUM_TITLE_MAX_CHARS = 120;
export const FORUM_TOPICS_PAGE_SIZE = 20;
export const FORUM_POSTS_PAGE_SIZE = 20;
export const FORUM_EDIT_WINDOW_DEFAULT_MINUTES = 30;
/** A teacher can give up to a day to edit (0: only moderators ever edit). */
export const FORUM_EDIT_WINDOW_MAX_MINUTES = 24 * 60;
export const FORUM_RULES_MAX_CHARS = 2_000;
/** How much of a quoted post a reply shows (read from the quoted post each time, never copied). */
export const FORUM_QUOTE_EXCERPT_CHARS = 200;
/**
 * How many held topics (or held posts of a topic) are asked, per read, whether a viewer who does not run the forum
 * may read them (beyond it, the older ones are left out of their lists: never shown by mistake).
 */
export const FORUM_HELD_SCAN_MAX = 500;
export const FORUM_SEARCH_MIN_CHARS = 2;
export const FORUM_SEARCH_MAX_CHARS = 100;
export const FORUM_SEARCH_MAX_RESULTS = 50;
/** Revisions listed per post (the newest first). */
export const FORUM_REVISIONS_MAX = 100;
