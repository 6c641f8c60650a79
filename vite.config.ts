import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { wordSections } from './scripts/word-sections.mjs';

/** Paths are resolved from this file, so builds work whatever the current directory. */
const clientRoot = fileURLToPath(new URL('./client', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/client', import.meta.url));

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
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: separate chunks stay cached between releases.
        codeSplitting: {
          groups: [
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/, priority: 20 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
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
