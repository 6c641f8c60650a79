/**
 * How long last year's classes and their spaces stay visible (read-only) to their former members after the new
 * school year opens, unless the director picks another date: the first term, so pupils and parents can find last
 * year's work.
 */
export const YEAR_ARCHIVE_VISIBLE_DAYS = 120;

/** The most classes one new school year may create at once (a large collège has about forty). */
export const YEAR_MAX_CLASSES = 80;

/** The most pupils one year switch may move by an explicit mapping. */
export const YEAR_MAX_MOVES = 2_000;
