import { describe, expect, it } from 'vitest';
import { CHAIN_PROBLEM_KINDS, type ChainProblem } from '../../../../shared/audit/chain';
import { chainProblemText } from './chainProblems';
import fr from './i18n/fr.json';
import type { AuditT } from './i18n';

/** `t` over the French file, interpolating like i18next. */
const t: AuditT = (key, options) => {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], fr);
  if (typeof text !== 'string') throw new Error(`no French text for ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name]));
};

describe('chain problems in words', () => {
  it('words every kind in French, for one entry and for a range', () => {
    for (const kind of CHAIN_PROBLEM_KINDS) {
      const whole = kind === 'anchor' || kind === 'key';
      const one: ChainProblem = { kind, fromSeq: whole ? null : 7, toSeq: whole ? null : 7 };
      const range: ChainProblem = { kind, fromSeq: whole ? null : 81, toSeq: whole ? null : 100 };
      expect(chainProblemText(t, one), kind).not.toMatch(/\{\{|undefined|null/);
      expect(chainProblemText(t, range), kind).not.toMatch(/\{\{|undefined|null/);
      if (!whole) expect(chainProblemText(t, range)).toContain('81 à 100');
    }
  });

  it('says which entries went missing', () => {
    expect(chainProblemText(t, { kind: 'missing', fromSeq: 81, toSeq: 100 })).toBe('Entrées n° 81 à 100 supprimées du journal.');
    expect(chainProblemText(t, { kind: 'forged', fromSeq: 42, toSeq: 42 })).toMatch(/^Entrée n° 42 réécrite ou ajoutée hors de Préau/);
  });
});
