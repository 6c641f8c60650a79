/** fr.json split by section at build time (`vite.config.ts`, `client/src/i18n/sections.ts`). */
declare module '*.json?shell' {
  const words: { [section: string]: unknown };
  export default words;
}
declare module '*.json?pages' {
  const words: { [section: string]: unknown };
  export default words;
}
