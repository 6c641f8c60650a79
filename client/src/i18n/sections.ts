import sections from './page-sections.json';

/**
 * The sections of the app's words (`fr.json`, `en.json`) that only pages loaded on demand use: the password and
 * charter steps, the account, a class's roster, the administration. Every other section comes with the first pages.
 * The build splits fr.json along this list (`page-sections.json`, read by `vite.config.ts`: `./fr.json?shell`,
 * `./fr.json?pages`).
 */
export const PAGE_SECTIONS: readonly string[] = sections;
