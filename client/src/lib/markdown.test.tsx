import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, parseMarkdown, renderInline } from './markdown';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs and lists', () => {
    const source = '## Mon compte\n- Je garde mon mot de passe.\n- Je me déconnecte\n  quand j’ai fini.\n\nUn paragraphe\nsur deux lignes.\n### Détail';
    expect(parseMarkdown(source)).toEqual([
      { kind: 'heading', level: 2, text: 'Mon compte' },
      { kind: 'list', items: ['Je garde mon mot de passe.', 'Je me déconnecte quand j’ai fini.'] },
      { kind: 'paragraph', text: 'Un paragraphe sur deux lignes.' },
      { kind: 'heading', level: 3, text: 'Détail' },
    ]);
  });

  it('closes a paragraph when a list starts, and copes with CRLF and blank input', () => {
    expect(parseMarkdown('Intro\r\n- un\r\n- deux')).toEqual([
      { kind: 'paragraph', text: 'Intro' },
      { kind: 'list', items: ['un', 'deux'] },
    ]);
    expect(parseMarkdown('  \n\n')).toEqual([]);
  });
});

describe('rendering', () => {
  it('turns **bold** into <strong> and leaves the rest as text', () => {
    expect(renderToStaticMarkup(<>{renderInline('Je **respecte** les autres')}</>)).toBe('Je <strong>respecte</strong> les autres');
  });

  it('never interprets HTML from the source', () => {
    const html = renderToStaticMarkup(
      <MantineProvider>
        <Markdown source={'## <img src=x onerror=alert(1)>\n- <script>alert(1)</script> **<b>gras</b>**'} />
      </MantineProvider>,
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<strong>&lt;b&gt;gras&lt;/b&gt;</strong>');
    expect(html).toMatch(/<h2[^>]*>&lt;img src=x onerror=alert\(1\)&gt;<\/h2>/);
  });
});
