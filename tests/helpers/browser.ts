import { existsSync } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium to drive: `CHROMIUM_PATH`, else the system one, else none. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  if (fromEnv) return fromEnv;
  return existsSync(DEFAULT_CHROMIUM) ? DEFAULT_CHROMIUM : undefined;
}

/** On CI (or with E2E=1) a missing browser is a failure, not a skip. */
export const e2eRequired = process.env.CI === 'true' || process.env.E2E === '1';

const INSTALL_HINT = [
  'Install Chromium:   apt-get update && apt-get install -y chromium',
  'or point to one:    CHROMIUM_PATH=/path/to/chromium npx vitest run --project e2e',
];

/**
 * `describe` for browser tests. Without a browser: fails loudly when e2e is required,
 * otherwise skips with a notice nobody can miss.
 */
export function describeE2E(name: string, fn: () => void): void {
  if (chromiumPath()) {
    describe(name, fn);
    return;
  }
  if (e2eRequired) {
    describe(name, () => {
      it('needs a Chromium browser', () => {
        throw new Error(
          [`No Chromium found (looked at $CHROMIUM_PATH and ${DEFAULT_CHROMIUM}) and e2e tests are required (CI=true or E2E=1).`, ...INSTALL_HINT].join('\n'),
        );
      });
    });
    return;
  }
  const bar = '!'.repeat(78);
  process.stderr.write(
    [
      '',
      bar,
      `!! E2E TESTS SKIPPED: "${name}"`,
      `!! No Chromium found (looked at $CHROMIUM_PATH and ${DEFAULT_CHROMIUM}).`,
      ...INSTALL_HINT.map((line) => `!! ${line}`),
      '!! Set E2E=1 (or CI=true) to make a missing browser fail the run instead.',
      bar,
      '',
    ].join('\n') + '\n',
  );
  describe.skip(name, fn);
}

/** Headless Chromium with everything that phones home or needs a GPU turned off. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(`No Chromium found. ${INSTALL_HINT.join('; ')}`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface PageErrors {
  /** Console errors (CSP violations included) and uncaught exceptions, in order. */
  readonly errors: string[];
  /** Throws with every collected error if there is any. */
  assertNone(context?: string): void;
  /** Forgets what was collected so far (e.g. after a step that is expected to log an error). */
  clear(): void;
  /** Stops listening. */
  dispose(): void;
}

function describeConsoleMessage(message: ConsoleMessage): string {
  const { url, lineNumber } = message.location();
  return `console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`;
}

/**
 * Collects console errors and page errors. Chromium reports CSP violations as console errors
 * ("Refused to execute inline script…"), so they are caught too.
 */
export function collectPageErrors(page: Page, options: { ignore?: RegExp[] } = {}): PageErrors {
  const errors: string[] = [];
  const ignored = (text: string) => options.ignore?.some((pattern) => pattern.test(text)) ?? false;
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const text = describeConsoleMessage(message);
    if (!ignored(text)) errors.push(text);
  };
  const onPageError = (error: Error) => {
    const text = `pageerror: ${error.stack ?? error.message}`;
    if (!ignored(text)) errors.push(text);
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  return {
    errors,
    assertNone(context) {
      if (errors.length > 0) {
        throw new Error(`${errors.length} browser error(s)${context ? ` ${context}` : ''}:\n${errors.join('\n')}`);
      }
    },
    clear() {
      errors.length = 0;
    },
    dispose() {
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
    },
  };
}
