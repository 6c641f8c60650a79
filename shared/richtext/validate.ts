import { getSchema, type JSONContent } from '@tiptap/core';
import { Node as PMNode, type Schema } from '@tiptap/pm/model';
import { z } from 'zod';
import { AppError } from '../errors';
import { ALLOWED_LINK, richTextExtensions } from './extensions';
import { RICH_TEXT_MAX_DEPTH, RICH_TEXT_MAX_JSON_CHARS, RICH_TEXT_MAX_NODES } from './limits';

/** A rich-text document as stored and sent: Tiptap/ProseMirror JSON. */
export type RichTextDoc = JSONContent & { type: 'doc' };

let schema: Schema | undefined;
/** The ProseMirror schema of Préau's editor, built once. */
export function richTextSchema(): Schema {
  schema ??= getSchema(richTextExtensions());
  return schema;
}

/** The JSON shape, checked before ProseMirror sees it (bounded depth and size, plain data only). */
const MarkSchema = z.object({ type: z.string().max(32), attrs: z.record(z.string(), z.unknown()).optional() }).strict();
type RawNode = { type: string; attrs?: Record<string, unknown>; content?: RawNode[]; marks?: z.infer<typeof MarkSchema>[]; text?: string };
const NodeSchema: z.ZodType<RawNode> = z.lazy(() =>
  z
    .object({
      type: z.string().max(32),
      attrs: z.record(z.string(), z.unknown()).optional(),
      content: z.array(NodeSchema).max(RICH_TEXT_MAX_NODES).optional(),
      marks: z.array(MarkSchema).max(10).optional(),
      text: z.string().max(RICH_TEXT_MAX_JSON_CHARS).optional(),
    })
    .strict(),
);

function measure(node: RawNode, depth: number, counter: { nodes: number }): void {
  counter.nodes += 1;
  if (depth > RICH_TEXT_MAX_DEPTH) throw new AppError('VALIDATION', 'The text is nested too deeply');
  if (counter.nodes > RICH_TEXT_MAX_NODES) throw new AppError('VALIDATION', 'The text has too many parts');
  for (const mark of node.marks ?? []) {
    if (mark.type === 'link') {
      const href = mark.attrs?.href;
      if (typeof href !== 'string' || !ALLOWED_LINK.test(href.trim())) {
        throw new AppError('VALIDATION', 'Links must start with http://, https:// or mailto:', [{ path: 'link', message: 'only http(s) and mailto links' }]);
      }
    }
  }
  for (const child of node.content ?? []) measure(child, depth + 1, counter);
}

/**
 * Validates rich text against the editor's schema and returns it normalised: unknown nodes, marks or content
 * are refused; attributes outside the schema are dropped; links are http(s) or mailto only. The result is what
 * gets stored, so nothing outside the schema ever reaches another user's screen.
 */
export function validateRichText(input: unknown): RichTextDoc {
  if (JSON.stringify(input ?? null).length > RICH_TEXT_MAX_JSON_CHARS) throw new AppError('PAYLOAD_TOO_LARGE', 'The text is too long');
  const shape = NodeSchema.safeParse(input);
  if (!shape.success || shape.data.type !== 'doc') throw new AppError('VALIDATION', 'The text is not a valid document');
  measure(shape.data, 0, { nodes: 0 });
  let node: PMNode;
  try {
    node = PMNode.fromJSON(richTextSchema(), shape.data);
    node.check();
  } catch (error) {
    throw new AppError('VALIDATION', `The text does not fit the editor: ${(error as Error).message.slice(0, 120)}`);
  }
  const json = node.toJSON() as RichTextDoc;
  return json;
}

/** The plain text of a document (for search, previews, the personal-information guard). */
export function richTextToPlain(doc: JSONContent): string {
  if (doc.text) return doc.text;
  const parts = (doc.content ?? []).map(richTextToPlain);
  const block = doc.type === 'paragraph' || doc.type === 'heading' || doc.type === 'listItem' || doc.type === 'blockquote' || doc.type === 'codeBlock';
  return parts.join('') + (block ? '\n' : '');
}

/** A document of plain text: one paragraph per line (an empty line is an empty paragraph). */
export function plainToRichText(text: string): RichTextDoc {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return { type: 'doc', content: lines.map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })) };
}
