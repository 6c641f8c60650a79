import type { JSONContent } from '@tiptap/core';
import { Node as PMNode } from '@tiptap/pm/model';
import { z } from 'zod';
import { AppError } from '../errors';
import { jsonShapeProblem } from './json';
import { RICH_TEXT_MAX_DEPTH, RICH_TEXT_MAX_JSON_CHARS, RICH_TEXT_MAX_NODES } from './limits';
import { attributesProblem, richTextRules, richTextSchema } from './schema';

export { richTextSchema } from './schema';

/** A rich-text document as stored and sent: Tiptap/ProseMirror JSON. */
export type RichTextDoc = JSONContent & { type: 'doc' };

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

/** The length of a value's JSON, or Infinity past `limit` (only called on inputs of bounded depth). */
function jsonLength(input: unknown, limit: number): number {
  const text = JSON.stringify(input ?? null);
  return text.length > limit ? Infinity : text.length;
}

const invalid = (message: string) => new AppError('VALIDATION', message);

/**
 * Depth, size, nodes, marks and attribute values against the editor's rules (without recursion). Attributes the
 * schema does not know are left for ProseMirror to drop; known ones must hold an allowed value.
 */
function measure(root: RawNode): void {
  const { nodes, marks } = richTextRules();
  const stack: Array<[RawNode, number]> = [[root, 0]];
  let count = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    count += 1;
    if (depth > RICH_TEXT_MAX_DEPTH) throw invalid('The text is nested too deeply');
    if (count > RICH_TEXT_MAX_NODES) throw invalid('The text has too many parts');
    const rule = nodes.get(node.type);
    if (rule && node.attrs) {
      const known = Object.fromEntries(Object.entries(node.attrs).filter(([key]) => rule.attributes.has(key)));
      if (attributesProblem(rule, known)) throw invalid(`The text has a ${rule.name} the editor cannot show`);
    }
    for (const mark of node.marks ?? []) {
      const markRule = marks.get(mark.type);
      if (mark.type === 'link' && !markRule?.attributes.get('href')?.(mark.attrs?.href)) {
        throw new AppError('VALIDATION', 'Links must start with http://, https:// or mailto:', [{ path: 'link', message: 'only http(s) and mailto links' }]);
      }
      if (markRule && mark.attrs) {
        const known = Object.fromEntries(Object.entries(mark.attrs).filter(([key]) => markRule.attributes.has(key)));
        if (attributesProblem(markRule, known)) throw invalid(`The text has a ${markRule.name} the editor cannot show`);
      }
    }
    for (const child of node.content ?? []) stack.push([child, depth + 1]);
  }
}

/**
 * Validates rich text against the editor's schema and returns it normalised: unknown nodes, marks or content
 * are refused; attributes outside the schema are dropped, known ones must hold allowed values; links are
 * http(s) or mailto only. Input nested deeper than the editor allows is refused before anything recursive reads
 * it. The result is what gets stored, so nothing outside the schema ever reaches another user's screen.
 */
export function validateRichText(input: unknown): RichTextDoc {
  const shapeProblem = jsonShapeProblem(input);
  if (shapeProblem === 'nested too deeply') throw invalid('The text is nested too deeply');
  if (shapeProblem) throw new AppError('PAYLOAD_TOO_LARGE', 'The text is too long');
  if (jsonLength(input, RICH_TEXT_MAX_JSON_CHARS) === Infinity) throw new AppError('PAYLOAD_TOO_LARGE', 'The text is too long');
  const shape = NodeSchema.safeParse(input);
  if (!shape.success || shape.data.type !== 'doc') throw invalid('The text is not a valid document');
  measure(shape.data);
  let node: PMNode;
  try {
    node = PMNode.fromJSON(richTextSchema(), shape.data);
    node.check();
  } catch (error) {
    throw invalid(`The text does not fit the editor: ${(error as Error).message.slice(0, 120)}`);
  }
  return node.toJSON() as RichTextDoc;
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
