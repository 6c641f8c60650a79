import type { ModeratedDisplay } from './types';
import type { RichTextDoc } from '../richtext/validate';

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function linkOf(value: unknown): ModeratedDisplay['link'] {
  if (!isRecord(value) || typeof value.url !== 'string') return null;
  return { url: value.url, domain: typeof value.domain === 'string' ? value.domain : value.url };
}

/** The kinds of file a moderated item may show (a wall card's image, PDF, sound or video). */
const ATTACHMENT_KINDS: readonly NonNullable<ModeratedDisplay['attachment']>['kind'][] = ['image', 'pdf', 'audio', 'video'];

function attachmentOf(value: unknown): ModeratedDisplay['attachment'] {
  if (!isRecord(value) || typeof value.blobId !== 'string' || !ATTACHMENT_KINDS.includes(value.kind as never)) return null;
  return {
    blobId: value.blobId,
    kind: value.kind as NonNullable<ModeratedDisplay['attachment']>['kind'],
    name: typeof value.name === 'string' ? value.name : '',
    size: typeof value.size === 'number' ? value.size : 0,
    hasThumb: value.hasThumb === true,
  };
}

/**
 * What an item shows in its space, from the content its feature keeps (a wall card's title, rich text, link and
 * file; a forum post's title and rich text; a comment's or a chat message's text; a pad's title): only these
 * fields leave the server, whatever else the content holds. A rich text was validated when it was written.
 */
export function displayOf(content: Record<string, unknown>): ModeratedDisplay {
  const body = content.body;
  return {
    title: text(content.title),
    body: isRecord(body) && body.type === 'doc' ? (body as RichTextDoc) : null,
    text: text(content.text) ?? text(body),
    link: linkOf(content.link),
    attachment: attachmentOf(content.attachment),
  };
}
