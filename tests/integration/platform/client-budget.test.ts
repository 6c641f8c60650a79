/**
 * The light client (issue 14): what the first pages download, read from the build manifest. The first pages (the
 * sign-in page, the public home, a pupil's home) load the entry chunk and its static imports only: their gzipped
 * JavaScript stays under the budget, and holds neither the rich-text editor nor Yjs nor any feature page. Every
 * feature page is its own chunk, loaded when it is opened, and pulls no other feature's page code; Yjs comes with
 * the pad only, the editor only with the pages that edit or render rich text.
 *
 * What a chunk holds is read from its source map (`sources`), so the checks hold whatever the chunks are named.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_FIRST_LOAD_CSS_BUDGET_BYTES, CLIENT_FIRST_LOAD_GZIP_BUDGET_BYTES, EDITOR_PACKAGES } from '../../../shared/platform/client-budget';
import { ROOT } from '../../helpers/server';

const DIST = join(ROOT, 'dist', 'client');
const MANIFEST = join(DIST, '.vite', 'manifest.json');

/** One chunk of Vite's `build.manifest` (keys are sources relative to `client/`, or `_name-hash.js` for shared chunks). */
interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/**
 * The first pages, and what each loads on demand at once on top of the entry: none of them waits for a page chunk
 * (they are in the entry, so a pupil's first screen needs no second round trip), and a signed-in page fetches the
 * Socket.IO client for its live connection. Listed here so that what they fetch is measured with them.
 */
const FIRST_PAGES: Record<string, string[]> = {
  '/connexion (sign-in)': [],
  '/ (public home)': ['src/features/home/HomePage.tsx'],
  '/accueil (a pupil’s home, with its live connection)': ['src/lib/socketClient.ts'],
};

/** Features whose pages must each be their own chunk. */
const FEATURE_PAGES = ['wall', 'pad', 'forum', 'chat', 'moderation', 'admin', 'audit', 'reports', 'account', 'charter'];

/**
 * Folders of page code the first pages must not contain. Each feature's `paths.ts` (its URLs) and `routes.tsx` (its
 * route table, which loads the pages on demand) are allowed.
 */
const PAGE_FOLDERS = ['wall', 'pad', 'forum', 'chat', 'admin', 'audit', 'moderation'];
const ROUTE_TABLE = /\/(paths\.ts|routes\.tsx)$/;
/**
 * Another feature's code a page may load: the forum's composer asks the chat's personal-information question, in the
 * chat's words (« Informations personnelles ? »), so that pupils meet one dialog everywhere; the moderation console
 * shows a card or a post as its space does, with the wall's and the forum's own renderers (issue 18).
 */
const SHARED_ACROSS_PAGES =
  /^client\/src\/features\/(chat\/(PersonalInfoConfirm\.tsx|i18n\.ts|i18n\/fr\.json)|wall\/((RichTextView|icons)\.tsx|embeds\/useEmbeds\.ts)|forum\/(RichText\.tsx|i18n\.ts|i18n\/fr\.json))$/;

/** Pages that edit or render rich text (Tiptap on ProseMirror); only the pad also needs Yjs. */
const RICH_TEXT_FEATURES = new Set(['pad', 'wall', 'forum', 'moderation']);
const YJS = EDITOR_PACKAGES.filter((pattern) => !/tiptap|prosemirror/.test(pattern.source));

function readManifest(): Manifest {
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
}

/** The chunks a module loads before it runs: its own and every static import, transitively (never dynamic ones). */
function staticGraph(manifest: Manifest, keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return seen;
}

const sizes = new Map<string, { raw: number; gzip: number }>();
/** Raw and gzipped (zlib's default level, as a compressing proxy serves it) size of a built file. */
function sizeOf(file: string): { raw: number; gzip: number } {
  let size = sizes.get(file);
  if (!size) {
    const bytes = readFileSync(join(DIST, file));
    size = { raw: bytes.length, gzip: gzipSync(bytes).length };
    sizes.set(file, size);
  }
  return size;
}

/** The sources bundled into a built file, relative to the repository (`client/src/…`, `node_modules/…`). */
function sourcesOf(file: string): string[] {
  const mapFile = join(DIST, `${file}.map`);
  // A chunk with no map holds no source of its own: the bundler's runtime, Vite's preloading helper, a module that
  // only re-exports another chunk: a few kilobytes at most, which could not hide a library.
  if (!existsSync(mapFile)) {
    if (sizeOf(file).raw > 4_000) throw new Error(`${file} has no source map`);
    return [];
  }
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; sourceRoot?: string };
  return map.sources.map((source) => relative(ROOT, resolve(dirname(mapFile), map.sourceRoot ?? '', source)).replaceAll('\\', '/'));
}

/** The npm package a bundled source comes from (`@scope/name` or `name`), or null for our own code. */
function packageOf(source: string): string | null {
  const at = source.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const parts = source.slice(at + 'node_modules/'.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

const isEditor = (pkg: string | null) => pkg !== null && EDITOR_PACKAGES.some((pattern) => pattern.test(pkg));
const isYjs = (pkg: string | null) => pkg !== null && YJS.some((pattern) => pattern.test(pkg));

/** Sources of a set of chunks. */
function sourcesOfChunks(manifest: Manifest, keys: Iterable<string>): string[] {
  return [...keys].flatMap((key) => sourcesOf(manifest[key]!.file));
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

describe('the light client: first pages under budget, every feature page on demand', () => {
  let manifest: Manifest;
  let entryKey: string;
  /** The feature pages the build loads on demand: manifest key → feature. */
  let pages: Map<string, string>;

  beforeAll(() => {
    // Builds the client if its sources changed since the last build (as `npm start` and the e2e tests do).
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    manifest = readManifest();
    const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
    expect(entries.map(([key]) => key)).toEqual(['index.html']);
    entryKey = entries[0]![0];
    pages = new Map();
    for (const [key, chunk] of Object.entries(manifest)) {
      const feature = chunk.isDynamicEntry ? /^src\/features\/([^/]+)\/[^/]+Page\.tsx$/.exec(chunk.src ?? '')?.[1] : undefined;
      if (feature) pages.set(key, feature);
    }
  }, 600_000);

  it(`loads at most ${kb(CLIENT_FIRST_LOAD_GZIP_BUDGET_BYTES)} of gzipped JavaScript on the sign-in page and a pupil's home`, () => {
    const all = Object.values(manifest).filter((chunk) => chunk.file.endsWith('.js'));
    const total = all.reduce((sum, chunk) => ({ raw: sum.raw + sizeOf(chunk.file).raw, gzip: sum.gzip + sizeOf(chunk.file).gzip }), { raw: 0, gzip: 0 });
    console.log(`[client-budget] whole client: ${all.length} JS chunks, ${kb(total.raw)} (${kb(total.gzip)} gzipped)`);
    const over: string[] = [];
    for (const [page, lazy] of Object.entries(FIRST_PAGES)) {
      const graph = staticGraph(manifest, [entryKey, ...lazy]);
      const files = [...graph].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
      const raw = files.reduce((sum, file) => sum + sizeOf(file).raw, 0);
      const gzip = files.reduce((sum, file) => sum + sizeOf(file).gzip, 0);
      console.log(`[client-budget] ${page}: ${files.length} chunks, ${kb(raw)} (${kb(gzip)} gzipped): ${files.map((file) => `${file} ${kb(sizeOf(file).gzip)}`).join(', ')}`);
      if (gzip > CLIENT_FIRST_LOAD_GZIP_BUDGET_BYTES) over.push(`${page}: ${kb(gzip)} gzipped`);
    }
    expect(over, `over the budget of ${kb(CLIENT_FIRST_LOAD_GZIP_BUDGET_BYTES)}`).toEqual([]);
  });

  it(`loads at most ${kb(CLIENT_FIRST_LOAD_CSS_BUDGET_BYTES)} of gzipped CSS on the sign-in page and a pupil's home`, () => {
    const over: string[] = [];
    for (const [page, lazy] of Object.entries(FIRST_PAGES)) {
      const files = [...new Set([...staticGraph(manifest, [entryKey, ...lazy])].flatMap((key) => manifest[key]!.css ?? []))];
      expect(files.length, `${page} loads no style sheet`).toBeGreaterThan(0);
      const raw = files.reduce((sum, file) => sum + sizeOf(file).raw, 0);
      const gzip = files.reduce((sum, file) => sum + sizeOf(file).gzip, 0);
      console.log(`[client-budget] ${page} CSS: ${kb(raw)} (${kb(gzip)} gzipped): ${files.map((file) => `${file} ${kb(sizeOf(file).gzip)}`).join(', ')}`);
      if (gzip > CLIENT_FIRST_LOAD_CSS_BUDGET_BYTES) over.push(`${page}: ${kb(gzip)} gzipped`);
    }
    expect(over, `over the budget of ${kb(CLIENT_FIRST_LOAD_CSS_BUDGET_BYTES)}`).toEqual([]);
  });

  it('first pages hold neither the editor, nor Yjs, nor any feature page', () => {
    for (const [page, lazy] of Object.entries(FIRST_PAGES)) {
      const sources = sourcesOfChunks(manifest, staticGraph(manifest, [entryKey, ...lazy]));
      const editor = [...new Set(sources.map(packageOf).filter(isEditor))];
      expect(editor, `${page} loads editor packages`).toEqual([]);
      const pageCode = sources.filter((source) => {
        const feature = /^client\/src\/features\/([^/]+)\//.exec(source)?.[1];
        return feature !== undefined && PAGE_FOLDERS.includes(feature) && !ROUTE_TABLE.test(source);
      });
      expect(pageCode, `${page} loads feature page code`).toEqual([]);
    }
  });

  it('every feature page is its own chunk, outside the first pages', () => {
    const firstLoad = staticGraph(manifest, [entryKey]);
    const features = new Set(pages.values());
    expect(FEATURE_PAGES.filter((feature) => !features.has(feature)), 'features whose pages are not loaded on demand').toEqual([]);
    for (const key of pages.keys()) expect(firstLoad.has(key), `${key} is in the first load`).toBe(false);
  });

  it('each feature page adds its own code only: Yjs with the pad, the editor with rich-text pages', () => {
    expect(pages.size, 'feature pages loaded on demand').toBeGreaterThan(0);
    const firstLoad = staticGraph(manifest, [entryKey]);
    const problems: string[] = [];
    for (const [key, feature] of pages) {
      const added = [...staticGraph(manifest, [key])].filter((chunk) => !firstLoad.has(chunk));
      const sources = sourcesOfChunks(manifest, added);
      const packages = new Set(sources.map(packageOf));
      const gzip = added.map((chunk) => manifest[chunk]!.file).filter((file) => file.endsWith('.js')).reduce((sum, file) => sum + sizeOf(file).gzip, 0);
      console.log(`[client-budget] ${key}: +${added.length} chunks, +${kb(gzip)} gzipped`);
      if (feature !== 'pad' && [...packages].some(isYjs)) problems.push(`${key} loads Yjs`);
      if (!RICH_TEXT_FEATURES.has(feature) && [...packages].some(isEditor)) problems.push(`${key} loads the editor`);
      const others = new Set(
        sources
          .filter((source) => !ROUTE_TABLE.test(source) && !SHARED_ACROSS_PAGES.test(source))
          .map((source) => /^client\/src\/features\/([^/]+)\//.exec(source)?.[1])
          .filter((other): other is string => other !== undefined && other !== feature && ['wall', 'pad', 'forum', 'chat'].includes(other)),
      );
      if (others.size > 0) problems.push(`${key} loads the code of ${[...others].join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps libraries and our code in separate chunks, so a release of ours leaves the libraries cached', () => {
    const mixed = Object.values(manifest)
      .filter((chunk) => chunk.file.endsWith('.js'))
      .filter((chunk) => {
        const sources = sourcesOf(chunk.file);
        return sources.some((source) => packageOf(source) !== null) && sources.some((source) => packageOf(source) === null);
      })
      .map((chunk) => chunk.file);
    expect(mixed, 'chunks holding both libraries and our code').toEqual([]);
  });
});
