import words from './fr.json?pages';

/**
 * The French words that only pages loaded on demand use (`PAGE_SECTIONS`), added to the app's namespace with the
 * first of those pages (`loadPageWords`).
 */
export const pageWords = words;
