import { Fragment, type ReactNode } from 'react';
import type { JSONContent } from '@tiptap/core';
import { ALLOWED_LINK } from '../../../../shared/richtext/extensions';

type Mark = NonNullable<JSONContent['marks']>[number];

function applyMarks(text: ReactNode, marks: Mark[] | undefined, key: string): ReactNode {
  return (marks ?? []).reduce<ReactNode>((inner, mark, index) => {
    const k = `${key}-m${index}`;
    switch (mark.type) {
      case 'bold':
        return <strong key={k}>{inner}</strong>;
      case 'italic':
        return <em key={k}>{inner}</em>;
      case 'strike':
        return <s key={k}>{inner}</s>;
      case 'underline':
        return <u key={k}>{inner}</u>;
      case 'code':
        return <code key={k}>{inner}</code>;
      case 'link': {
        const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : '';
        // Stored text was validated on the server; checked again here, since this is what a child clicks.
        return ALLOWED_LINK.test(href) ? (
          <a key={k} href={href} target="_blank" rel="noopener noreferrer nofollow">
            {inner}
          </a>
        ) : (
          <Fragment key={k}>{inner}</Fragment>
        );
      }
      default:
        return <Fragment key={k}>{inner}</Fragment>;
    }
  }, text);
}

function renderNode(node: JSONContent, key: string): ReactNode {
  const children = (node.content ?? []).map((child, index) => renderNode(child, `${key}-${index}`));
  switch (node.type) {
    case 'doc':
      return <Fragment key={key}>{children}</Fragment>;
    case 'paragraph':
      return <p key={key}>{children}</p>;
    case 'heading':
      return node.attrs?.level === 3 ? <h5 key={key}>{children}</h5> : <h4 key={key}>{children}</h4>;
    case 'bulletList':
      return <ul key={key}>{children}</ul>;
    case 'orderedList':
      return <ol key={key}>{children}</ol>;
    case 'listItem':
      return <li key={key}>{children}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children}</code>
        </pre>
      );
    case 'hardBreak':
      return <br key={key} />;
    case 'horizontalRule':
      return <hr key={key} />;
    case 'text':
      return <Fragment key={key}>{applyMarks(node.text ?? '', node.marks, key)}</Fragment>;
    default:
      return null;
  }
}

/**
 * Shows a card's rich text as React elements, never as HTML: whatever a document holds, nothing in it can run.
 * Headings are shifted down (a card's own title is the heading above them).
 */
export function RichTextView({ doc }: { doc: JSONContent }) {
  return <div className="wall-richtext">{renderNode(doc, 'n')}</div>;
}
