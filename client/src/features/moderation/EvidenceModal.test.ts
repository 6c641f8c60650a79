import { describe, expect, it } from 'vitest';
import { plainToRichText } from '../../../../shared/richtext/validate';
import { originalText } from './EvidenceModal';

describe('originalText', () => {
  it('reads every kind of kept original as text', () => {
    expect(originalText({ body: 'appelle-moi au 06 12 34 56 78' })).toBe('appelle-moi au 06 12 34 56 78');
    expect(originalText({ body: plainToRichText('Bonjour\nà tous') })).toBe('Bonjour\nà tous');
    expect(originalText({ title: 'Ma carte', body: null, link: { url: 'https://example.org', domain: 'example.org' }, attachment: { name: 'dessin.png' } })).toBe('Ma carte\nhttps://example.org\ndessin.png');
    expect(originalText({ text: 'nul nul nul' })).toBe('nul nul nul');
    expect(originalText({})).toBe('');
  });
});
