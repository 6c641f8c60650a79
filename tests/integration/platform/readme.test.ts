import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../server/features/directory/demo-roster';
import { ROOT } from '../../helpers/server';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('starts with the two commands', () => {
    const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstBlock).toContain('npm install && npm start');
    expect(firstBlock).toContain('npm test');
    expect(readme.indexOf('```bash')).toBeLessThan(30);
  });

  it('covers docker compose, MONGODB_URI and where the data lives', () => {
    expect(readme).toContain('docker compose up');
    expect(readme).toContain('MONGODB_URI');
    expect(readme).toMatch(/Where the data lives/);
  });

  it('lists every demo account with its deterministic password under « Comptes de démonstration »', () => {
    const section = readme.slice(readme.indexOf('## Comptes de démonstration'));
    expect(section.length).toBeLessThan(readme.length);
    for (const account of DEMO_ACCOUNTS) expect(section).toContain(`| \`${account.login}\` | \`${account.password}\` |`);
  });
});
