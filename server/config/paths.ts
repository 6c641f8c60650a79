import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The `name` of the root package.json, which marks the application's root directory. */
const PACKAGE_NAME = 'preau';

/**
 * The nearest directory, from `start` upwards, holding Préau's package.json. The server runs from its sources
 * (`server/…`, under tsx) or from its bundle (`dist/server/main.js`, in the Docker image), so a path relative to
 * one module's own directory would be right in one case only; from the root, `dist/client` and `package.json`
 * are found in both.
 */
export function findAppRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json of ${PACKAGE_NAME} above ${start}`);
  }
}

/** The application's root directory: the one holding package.json, `dist/client` and, from sources, `server/`. */
export const APP_ROOT = findAppRoot(import.meta.dirname);
