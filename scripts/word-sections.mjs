// A Vite plugin shared by vite.config.ts and vitest.config.ts: `import words from './fr.json?shell'` and
// `'./fr.json?pages'` answer the app's words split by top-level section, so that the first pages carry only theirs
// while fr.json stays the one file that translators and tests read. The sections of the pages loaded on demand are
// listed in client/src/i18n/page-sections.json; every other section is the shell's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SECTIONS_FILE = fileURLToPath(new URL('../client/src/i18n/page-sections.json', import.meta.url));

/** @returns {import('vite').Plugin} */
export function wordSections() {
  return {
    name: 'preau:word-sections',
    enforce: 'pre',
    load(id) {
      const match = /^(.+\.json)\?(shell|pages)$/.exec(id);
      if (!match) return null;
      const [, file, part] = match;
      this.addWatchFile(file);
      this.addWatchFile(SECTIONS_FILE);
      const pages = new Set(JSON.parse(readFileSync(SECTIONS_FILE, 'utf8')));
      const words = JSON.parse(readFileSync(file, 'utf8'));
      const picked = Object.fromEntries(Object.entries(words).filter(([section]) => pages.has(section) === (part === 'pages')));
      return `export default ${JSON.stringify(picked)};`;
    },
  };
}
