import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { CodeSplittingGroup } from 'rolldown';
import { wordSections } from './scripts/word-sections.mjs';

/** Paths are resolved from this file, so builds work whatever the current directory. */
const clientRoot = fileURLToPath(new URL('./client', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/client', import.meta.url));

/** A library's package name from a module id (`@scope/name` or `name`), or null for our own code. */
function packageOf(id: string): string | null {
  const at = id.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const [first = '', second = ''] = id.slice(at + 'node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** A chunk group holding the modules of the packages `packages` matches. */
function library(name: string, packages: RegExp, priority: number, options: { initialOnly?: boolean; byPages?: boolean } = {}): CodeSplittingGroup {
  return {
    name,
    test: (id) => {
      const pkg = packageOf(id.replaceAll('\\', '/'));
      return pkg !== null && packages.test(pkg);
    },
    priority,
    ...(options.initialOnly ? { tags: ['$initial' as const] } : {}),
    // One chunk per set of pages that use the same modules: a page loads the components it uses, not every page's.
    ...(options.byPages ? { entriesAware: true, entriesAwareMergeThreshold: 8 * 1024 } : {}),
  };
}

/**
 * Libraries in chunks of their own, apart from our code: a release that changes only our code leaves their names and
 * hashes as they were, so the browsers keep them cached; upgrading one library renews only its chunk. Higher
 * priorities capture first (a group also takes the dependencies of what it captures, unless an earlier group did).
 * - What every page needs (React, the router, queries, i18next, Socket.IO) and the Mantine components and helpers
 *   the first pages use (`$initial`: statically reached from the entry) load with the first page.
 * - The rich-text editor (Tiptap on ProseMirror), Yjs (the pad's CRDT and its Tiptap binding), drag and drop, and
 *   the Mantine components only some pages use load with the pages that import them.
 */
const libraryChunks: CodeSplittingGroup[] = [
  library('react', /^(react|react-dom|scheduler)$/, 100),
  library('router', /^(react-router|cookie|set-cookie-parser)$/, 95),
  library('query', /^@tanstack\//, 90),
  library('i18next', /^(i18next|react-i18next|html-parse-stringify|void-elements)$/, 85),
  library('socket', /^(socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io\/component-emitter|xmlhttprequest-ssl)$/, 80),
  library('zod', /^zod$/, 75),
  library('mantine', /^@mantine\//, 70, { initialOnly: true }),
  library('vendor', /./, 60, { initialOnly: true }),
  // The editor before Yjs: the Yjs binding depends on ProseMirror, which must stay in the editor's chunk.
  library('editor', /^(@tiptap\/(?!y-tiptap$|extension-collaboration)|prosemirror-|orderedmap$|rope-sequence$|w3c-keyname$|linkifyjs$)/, 50),
  library('yjs', /^(yjs|lib0|y-protocols|y-websocket|@tiptap\/y-tiptap|@tiptap\/extension-collaboration(-caret)?)$/, 45),
  library('dnd', /^@dnd-kit\//, 40),
  library('mantine-pages', /^@mantine\//, 30, { byPages: true }),
  library('vendor-pages', /./, 20, { byPages: true }),
];

/** In development the API, health checks and both WebSocket endpoints live on the Node server. */
const backend = 'http://localhost:3000';

export default defineConfig({
  root: clientRoot, // i.e. 'client'
  // `./fr.json?shell` / `?pages`: the app's words split by section (client/src/i18n/index.ts).
  plugins: [wordSections(), react()],
  build: {
    outDir, // i.e. '../dist/client' from the root
    emptyOutDir: true,
    sourcemap: true,
    // dist/client/.vite/manifest.json: which chunks each page loads (read by the client budget test).
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: libraryChunks },
        // A chunk split by pages (`byPages`) keeps its group's name only (`mantine-pages-<hash>.js`, not the list of
        // pages that share it): its content hash alone tells releases apart.
        chunkFileNames: (chunk) => `assets/${chunk.name.split('~')[0]}-[hash:7].js`,
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend },
      '/readyz': { target: backend },
      '/socket.io': { target: backend, ws: true },
      '/collab': { target: backend, ws: true },
    },
  },
  preview: { port: 4173 },
});
