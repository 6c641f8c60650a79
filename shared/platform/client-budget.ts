/**
 * What the browser may download before a page runs: the entry chunk and everything it imports statically, never
 * what it imports dynamically (the feature pages load their own chunks when opened). Measured on the built client
 * (`dist/client/.vite/manifest.json`) by `tests/integration/platform/client-budget.test.ts`.
 */

/**
 * Gzipped JavaScript of the first pages (the sign-in page, the public home, a pupil's home), in bytes: a pupil on a
 * school tablet over a shared connection sees something within a few seconds. 200 KB, counted as 200,000 bytes.
 */
export const CLIENT_FIRST_LOAD_GZIP_BUDGET_BYTES = 200_000;

/**
 * Compressed CSS of the same first pages, in bytes: Mantine's style sheet (every component's rules, about 250 KB
 * as built) and ours, which the browser needs before it paints. Set from the measured build with a margin
 * (see `tests/integration/platform/static-client.test.ts`, which also holds the pages' HTML, JavaScript and CSS
 * over the wire, as the server sends them, under the sum of both budgets).
 */
export const CLIENT_FIRST_LOAD_CSS_BUDGET_BYTES = 40_000;

/**
 * The libraries that must never be in a first page's graph: the rich-text editor (Tiptap on ProseMirror) and the
 * CRDT stack (Yjs and its protocols), which only the pad, the wall and the forum use. Matched on the package
 * names of the bundled sources.
 */
export const EDITOR_PACKAGES: readonly RegExp[] = [/^@tiptap\//, /^prosemirror-/, /^yjs$/, /^y-/, /^lib0$/];
