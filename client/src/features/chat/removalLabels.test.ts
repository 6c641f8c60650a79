import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REMOVAL_WORDS_FR, removalLabel } from '../../../../shared/moderation/labels';
import chatFr from './i18n/fr.json';
import forumFr from '../forum/i18n/fr.json';

const featuresDir = join(import.meta.dirname, '..');

/** Every French string of every feature, with its key path (`chat › message › hidden`). */
function frenchLeaves(): Array<{ path: string[]; text: string }> {
  const leaves: Array<{ path: string[]; text: string }> = [];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === 'string') leaves.push({ path, text: value });
    else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
  };
  for (const feature of readdirSync(featuresDir)) {
    let raw: string;
    try {
      raw = readFileSync(join(featuresDir, feature, 'i18n', 'fr.json'), 'utf8');
    } catch {
      continue;
    }
    walk(JSON.parse(raw), [feature]);
  }
  return leaves;
}

describe('one word per removal state: « masqué » (hidden), « supprimé » (deleted)', () => {
  it('labels a removed item by its state, and by who removed it when deleted', () => {
    expect(removalLabel('hidden', 'moderator')).toBe('hiddenByModerator');
    expect(removalLabel('hidden', null)).toBe('hiddenByModerator');
    expect(removalLabel('deleted', 'moderator')).toBe('removedByModerator');
    expect(removalLabel('deleted', 'author')).toBe('removedByAuthor');
  });

  it('the chat and the forum word each label with its state’s word', () => {
    for (const messages of [chatFr.message, { hiddenByModerator: forumFr.post.hiddenByModerator }]) {
      const text = messages as Record<string, string>;
      expect(text.hiddenByModerator).toContain(REMOVAL_WORDS_FR.hidden);
      expect(text.hiddenByModerator).not.toContain(REMOVAL_WORDS_FR.deleted);
    }
    for (const label of ['removedByModerator', 'removedByAuthor'] as const) {
      expect(chatFr.message[label]).toContain(REMOVAL_WORDS_FR.deleted);
      expect(chatFr.message[label]).not.toContain(REMOVAL_WORDS_FR.hidden);
    }
  });

  it('no French text about hiding says « supprimé », none about deleting says « masqué » (every feature, notifications included)', () => {
    const leaves = frenchLeaves();
    expect(leaves.length).toBeGreaterThan(100);
    const about = (path: string[], pattern: RegExp) => path.slice(1).some((key) => pattern.test(key));
    const wrong = leaves
      .filter(({ path, text }) => {
        const lower = text.toLowerCase();
        if (about(path, /^hid(e|den)/i) && lower.includes(REMOVAL_WORDS_FR.deleted)) return true;
        return about(path, /^(delete|removed)/i) && lower.includes(REMOVAL_WORDS_FR.hidden);
      })
      .map(({ path, text }) => `${path.join(' › ')}: ${text}`);
    expect(wrong).toEqual([]);
  });
});
