import { describe, expect, it } from 'vitest';
import { MENTION_MAX_PER_ITEM } from './limits';
import { findMentions, mentionIndex, mentionsIn, normalizeForMention, type MentionCandidate } from './mentions';

const CLASS: MentionCandidate[] = [
  { id: 'lea', name: 'Léa Martin' },
  { id: 'timeo', name: 'Timéo Lambert' },
  { id: 'jeanmarc', name: 'Jean-Marc Durand' },
  { id: 'jean', name: 'Jean Petit' },
  { id: 'chloe', name: 'Chloé D’Almeida' },
  { id: 'ayoub', name: 'Ayoub El Amrani' },
  { id: 'laetitia', name: 'Lætitia Roux' },
  { id: 'ines1', name: 'Inès Rodrigues' },
  { id: 'ines2', name: 'Inès Garnier' },
];

const mentioned = (text: string, people: readonly MentionCandidate[] = CLASS) => mentionsIn(text, people);

describe('mentions in a contribution', () => {
  it('normalizes case, accents, ligatures, apostrophes and spaces', () => {
    expect(normalizeForMention('Léa  MARTIN')).toBe('lea martin');
    expect(normalizeForMention('Chloé D’Almeida')).toBe("chloe d'almeida");
    expect(normalizeForMention('Lætitia Cœur')).toBe('laetitia coeur');
    expect(normalizeForMention('a\u00a0b\nc')).toBe('a b\nc');
  });

  it('finds a full display name, accents and case ignored', () => {
    expect(mentioned('Bravo @Léa Martin !')).toEqual(['lea']);
    expect(mentioned('Bravo @lea martin')).toEqual(['lea']);
    expect(mentioned('@TIMEO LAMBERT a raison')).toEqual(['timeo']);
    expect(mentioned('Merci @Laetitia Roux')).toEqual(['laetitia']);
  });

  it('finds a first name alone when only one person has it, at the end of a sentence too', () => {
    expect(mentioned('Regarde @Léa.')).toEqual(['lea']);
    expect(mentioned('@Timéo, tu viens ?')).toEqual(['timeo']);
    expect(mentioned('Avec @Ayoub')).toEqual(['ayoub']);
    expect(mentioned('(@Timeo)')).toEqual(['timeo']);
  });

  it('keeps a hyphenated first name whole', () => {
    expect(mentioned('Salut @Jean-Marc !')).toEqual(['jeanmarc']);
    expect(mentioned('Salut @Jean‑Marc Durand')).toEqual(['jeanmarc']);
    // « @Jean » is Jean Petit, the only « Jean »; it is never read inside « @Jean-Marc ».
    expect(mentioned('Salut @Jean !')).toEqual(['jean']);
    expect(mentioned('@Jean-Paul')).toEqual([]);
  });

  it('reads names with an apostrophe, typographic or plain', () => {
    expect(mentioned("Merci @Chloé D'Almeida")).toEqual(['chloe']);
    expect(mentioned('Merci @chloe d’almeida.')).toEqual(['chloe']);
    expect(mentioned('Merci @Chloé')).toEqual(['chloe']);
  });

  it('mentions neither of two people by the first name they share, but each by the full name', () => {
    expect(mentioned('@Inès tu as gagné')).toEqual([]);
    expect(mentioned('@Inès Garnier et @Ines Rodrigues')).toEqual(['ines2', 'ines1']);
  });

  it('mentions neither of two people with the same full name', () => {
    const twins = [...CLASS, { id: 'lea2', name: 'Léa Martin' }];
    expect(mentioned('@Léa Martin', twins)).toEqual([]);
    expect(mentioned('@Léa', twins)).toEqual([]);
  });

  it('needs the « @ » at the start of a word, right before the name, and the name to end there', () => {
    expect(mentioned('Léa Martin a gagné')).toEqual([]);
    expect(mentioned('Écris à lea@ecole.fr')).toEqual([]);
    expect(mentioned('@ Léa')).toEqual([]);
    expect(mentioned('@Léane et @Timéon')).toEqual([]);
    expect(mentioned('@Ethan Mercier')).toEqual([]);
  });

  it('reads a name broken by a line as its first name only', () => {
    expect(mentioned('@Léa\nMartin')).toEqual(['lea']);
    expect(mentioned('@Inès\nGarnier')).toEqual([]);
  });

  it('lists each person once, in the order written', () => {
    expect(mentioned('@Timéo @Léa @timeo @Léa Martin')).toEqual(['timeo', 'lea']);
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: MENTION_MAX_PER_ITEM + 5 }, (_, n) => ({ id: `p${n}`, name: `Prénom${n} Nom` }));
    const text = many.map((person) => `@${person.name}`).join(' ');
    expect(mentionsIn(text, many)).toEqual(many.slice(0, MENTION_MAX_PER_ITEM).map((person) => person.id));
    expect(findMentions(text, mentionIndex(many), 2)).toEqual(['p0', 'p1']);
  });
});
