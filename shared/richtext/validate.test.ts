import { describe, expect, it } from 'vitest';
import { plainToRichText, richTextToPlain, validateRichText } from './validate';

const doc = (content: unknown[]) => ({ type: 'doc', content });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (value: string, marks?: unknown[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });

describe('validateRichText', () => {
  it('accepts the editor’s nodes and marks', () => {
    const input = doc([
      { type: 'heading', attrs: { level: 2 }, content: [text('Titre')] },
      p(text('gras', [{ type: 'bold' }]), text(' et '), text('lien', [{ type: 'link', attrs: { href: 'https://fr.wikipedia.org' } }])),
      { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('un'))] }] },
    ]);
    const out = validateRichText(input);
    expect(out.type).toBe('doc');
    expect(richTextToPlain(out)).toContain('Titre');
  });

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['data:text/html;base64,PHNjcmlwdD4='],
    ['vbscript:x'],
    ['//evil.example'],
  ])('refuses the link %s', (href) => {
    expect(() => validateRichText(doc([p(text('x', [{ type: 'link', attrs: { href } }]))]))).toThrow(/Links must/);
  });

  it('refuses nodes and marks outside the schema', () => {
    expect(() => validateRichText(doc([{ type: 'iframe', attrs: { src: 'https://x' } }]))).toThrow();
    expect(() => validateRichText(doc([{ type: 'script', content: [text('alert(1)')] }]))).toThrow();
    expect(() => validateRichText(doc([p(text('x', [{ type: 'onclick' }]))]))).toThrow();
    expect(() => validateRichText({ type: 'paragraph' })).toThrow();
    expect(() => validateRichText('<img src=x onerror=alert(1)>')).toThrow();
  });

  it('drops attributes outside the schema', () => {
    const out = validateRichText(doc([{ type: 'paragraph', attrs: { onclick: 'alert(1)', style: 'x' }, content: [text('a')] }]));
    expect(JSON.stringify(out)).not.toContain('onclick');
  });

  it('keeps markup-looking text as text', () => {
    const out = validateRichText(plainToRichText('<script>alert(1)</script>'));
    expect(richTextToPlain(out).trim()).toBe('<script>alert(1)</script>');
  });

  it('bounds depth and size', () => {
    let nested: unknown = p(text('x'));
    for (let i = 0; i < 30; i += 1) nested = { type: 'blockquote', content: [nested] };
    expect(() => validateRichText(doc([nested]))).toThrow(/nested/);
    expect(() => validateRichText(plainToRichText('x'.repeat(200_000)))).toThrow(/too long/);
  });

  it('refuses input nested 100,000 deep as a validation error (no stack overflow)', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => validateRichText({ type: 'doc', content: deep })).toThrow(expect.objectContaining({ code: 'VALIDATION', message: 'The text is nested too deeply' }) as Error);
  });

  it('refuses attribute values the editor would not write (heading level, link attributes, code language)', () => {
    const refused = (node: unknown) => expect(() => validateRichText(doc([node]))).toThrow(expect.objectContaining({ code: 'VALIDATION' }) as Error);
    refused({ type: 'heading', attrs: { level: '<img src=x onerror=alert(1)>' }, content: [text('x')] });
    refused({ type: 'heading', attrs: { level: 9 }, content: [text('x')] });
    refused({ type: 'codeBlock', attrs: { language: '"><script>' }, content: [text('x')] });
    refused(p(text('x', [{ type: 'link', attrs: { href: 'https://a.fr', class: 'evil' } }])));
    refused({ type: 'paragraph', content: [{ type: 'paragraph', content: [text('dedans')] }] });
    expect(validateRichText(doc([{ type: 'heading', attrs: { level: 3 }, content: [text('x')] }])).content?.[0]?.attrs).toEqual({ level: 3 });
  });

  it('turns plain text into one paragraph per line, and back', () => {
    const converted = validateRichText(plainToRichText('Bonjour\r\n\nà tous'));
    expect(converted.content).toHaveLength(3);
    expect(richTextToPlain(converted)).toBe('Bonjour\n\nà tous\n');
  });
});
