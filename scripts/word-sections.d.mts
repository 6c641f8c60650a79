import type { Plugin } from 'vite';

/** See word-sections.mjs: `./fr.json?shell` and `./fr.json?pages`, the app's words split by section. */
export function wordSections(): Plugin;
