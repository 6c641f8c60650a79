import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoAccountLine {
  login: string;
  password: string;
  profile: string;
  displayName: string;
  classes: string[];
}

/** The demo accounts written at seeding to `DATA_DIR/demo-accounts.json`. */
export function demoAccounts(dataDir: string): DemoAccountLine[] {
  return JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccountLine[];
}

export function demoAccount(dataDir: string, login: string): DemoAccountLine {
  const account = demoAccounts(dataDir).find((line) => line.login === login);
  if (!account) throw new Error(`no demo account ${login}`);
  return account;
}
