import { List, Text, Title, type TitleOrder } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A deliberately tiny Markdown subset for charters: `## ` / `### ` headings, paragraphs, `- ` (or `* `) lists
 * and `**bold**`. It builds React elements (never HTML strings), so whatever the text holds is shown as text.
 */
export type MarkdownBlock =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] };

const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^[-*]\s+(.*)$/;

export function parseMarkdown(source: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    if (list) blocks.push({ kind: 'list', items: list });
    paragraph = [];
    list = null;
  };
  for (const rawLine of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    if (line === '') {
      flush();
    } else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length >= 3 ? 3 : 2, text: heading[2]!.trim() });
    } else if (bullet) {
      if (paragraph.length > 0) flush();
      list ??= [];
      list.push(bullet[1]!.trim());
    } else if (list) {
      // A continuation line of the last list item.
      list[list.length - 1] += ` ${line}`;
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** `**bold**` spans as <strong>, the rest as plain text. */
export function renderInline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/g).flatMap<ReactNode>((part, index) => {
    if (part === '') return [];
    if (part.length > 4 && part.startsWith('**') && part.endsWith('**')) return [<strong key={index}>{part.slice(2, -2)}</strong>];
    return [part];
  });
}

/**
 * Renders charter text. `headingOrder` is the HTML level of `##` headings (2 under the page's h1, 3 when the
 * charter itself sits under an h2); `###` goes one level deeper.
 */
export function Markdown({ source, headingOrder = 2 }: { source: string; headingOrder?: 2 | 3 }) {
  return (
    <>
      {parseMarkdown(source).map((block, index) => {
        if (block.kind === 'heading') {
          const order = Math.min(6, headingOrder + block.level - 2) as TitleOrder;
          return (
            <Title key={index} order={order} size={order <= 3 ? 'h3' : 'h4'} mt="lg" mb="xs">
              {renderInline(block.text)}
            </Title>
          );
        }
        if (block.kind === 'list') {
          return (
            <List key={index} spacing={6} mb="sm" withPadding>
              {block.items.map((item, itemIndex) => (
                <List.Item key={itemIndex}>{renderInline(item)}</List.Item>
              ))}
            </List>
          );
        }
        return (
          <Text key={index} mb="sm">
            {renderInline(block.text)}
          </Text>
        );
      })}
    </>
  );
}
