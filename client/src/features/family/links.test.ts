import { describe, expect, it } from 'vitest';
import type { FeedEntry } from '../../../../shared/family/types';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { NO_CAPABILITIES } from '../../lib/capabilities';
import { homePathOf } from './home';
import { entryPath } from './links';

const entry = (fields: Partial<FeedEntry>): FeedEntry => ({
  kind: 'wallCard',
  space: { id: 'w1', title: 'Mur', kind: 'wall' },
  itemId: 'i1',
  cardId: null,
  topicId: null,
  title: null,
  authorId: null,
  authorName: null,
  byChild: false,
  byTeacher: false,
  excerpt: null,
  pictureUrl: null,
  state: 'visible',
  at: 0,
  ...fields,
});

function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

describe('the family page', () => {
  it('opens each entry at its place: the card on its wall, a comment’s card, a topic, a reply in its topic, a pad', () => {
    expect(entryPath(entry({ kind: 'wallCard', itemId: 'c1', cardId: 'c1' }))).toBe('/murs/w1?carte=c1');
    expect(entryPath(entry({ kind: 'wallComment', itemId: 'm1', cardId: 'c1' }))).toBe('/murs/w1?carte=c1');
    const forum = { id: 'f1', title: 'Forum', kind: 'forum' as const };
    expect(entryPath(entry({ kind: 'forumTopic', space: forum, itemId: 'p1', topicId: 't1' }))).toBe('/forums/f1/sujets/t1');
    expect(entryPath(entry({ kind: 'forumPost', space: forum, itemId: 'p2', topicId: 't1' }))).toBe('/forums/f1/sujets/t1?message=p2');
    expect(entryPath(entry({ kind: 'pad', space: { id: 'p', title: 'Texte', kind: 'pad' }, itemId: 'p' }))).toBe('/pads/p');
  });

  it('is the home of someone who follows children and runs no class', () => {
    const parent = { ...NO_CAPABILITIES, family: { childIds: ['c1'] } };
    expect(homePathOf({ capabilities: parent })).toBe('/famille');
    // A teacher who is also a parent keeps « Mon accueil ».
    expect(homePathOf({ capabilities: { ...parent, createSpaces: { school: false, classIds: ['k1'] } } })).toBe('/accueil');
    expect(homePathOf({ capabilities: { ...parent, administer: true } })).toBe('/accueil');
    expect(homePathOf({ capabilities: NO_CAPABILITIES })).toBe('/accueil');
  });

  it('has the same words in French and English, none empty', () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(fr).sort());
    for (const resource of [fr, en]) for (const key of leafKeys(resource)) expect(key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resource), key).not.toBe('');
  });
});
